<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>BomPage</name>
    <message>
        <source>Used in</source>
        <translation>使用先</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Qty per unit</source>
        <translation>親あたり数量</translation>
    </message>
    <message>
        <source>Effective quantity per unit of the parent</source>
        <translation>親品目 1 単位あたりの実効数量</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>Per product</source>
        <translation>製品あたり</translation>
    </message>
    <message>
        <source>Quantity consumed per unit of the product, through every BOM level</source>
        <translation>部品表の全階層を通じた、製品 1 単位あたりの消費量</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>A purchased material the product consumes, at any BOM level</source>
        <translation>製品が消費する購入材料（部品表のすべての階層）</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原産国</translation>
    </message>
    <message>
        <source>Effective origin country: unknown origins spread over the world's producers; blank: no known origin</source>
        <translation>実質ベースの原産国。不明な原産国は世界の生産国に按分しています。空欄は原産国が判明しないものです</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国名</translation>
    </message>
    <message>
        <source>Quantity / unit</source>
        <translation>単位あたり数量</translation>
    </message>
    <message>
        <source>Quantity of the material from this origin per unit of the product, in its unit</source>
        <translation>製品 1 単位あたりの、この原産国からの材料の数量（材料の単位）</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>単位</translation>
    </message>
    <message>
        <source>Value / unit ({currency})</source>
        <translation>単位あたり価値（{currency}）</translation>
    </message>
    <message>
        <source>Purchase value of that quantity</source>
        <translation>その数量の購入額</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>比率</translation>
    </message>
    <message>
        <source>Its share of the product's material value</source>
        <translation>製品の材料価値に占める比率</translation>
    </message>
    <message>
        <source>The origin country's name</source>
        <translation>原産国の名称</translation>
    </message>
    <message>
        <source>Where used: select an item</source>
        <translation>使用先：品目を選択してください</translation>
    </message>
    <message>
        <source>Product structure</source>
        <translation>製品構成</translation>
    </message>
    <message>
        <source>Finished products that consume it</source>
        <translation>この品目を使用する完成品</translation>
    </message>
    <message>
        <source>Exposure per product</source>
        <translation>製品別の供給リスク</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>品目</translation>
    </message>
    <message>
        <source>BOM lines</source>
        <translation>部品表明細</translation>
    </message>
    <message>
        <source>One line per parent and child: quantity per parent unit, and the scrap % lost in making it.</source>
        <translation>親品目と子品目の組み合わせごとに 1 行です。親 1 単位あたりの数量と、製造時に失われるスクラップ率（%）を入力します。</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>需要</translation>
    </message>
    <message>
        <source>Demand for products (and spare parts), per day, week, month or year.</source>
        <translation>製品（および補修部品）の需要を、日・週・月・年単位で入力します。</translation>
    </message>
    <message>
        <source>Alternates</source>
        <translation>代替品</translation>
    </message>
    <message>
        <source>An item another can replace in a disruption: units of the alternate per unit of the item, the days before it is qualified, and the most of the item's requirement it may take.</source>
        <translation>供給途絶時に別の品目で置き換えられる品目です。品目 1 単位あたりの代替品の数量、切替可能になるまでの日数、品目の所要量のうち代替できる上限を入力します。</translation>
    </message>
    <message>
        <source>BOM</source>
        <translation>部品表</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>製品別リスク</translation>
    </message>
    <message>
        <source>Origin content</source>
        <translation>原産国含有</translation>
    </message>
    <message>
        <source>Where used: {item} {name}</source>
        <translation>使用先：{item} {name}</translation>
    </message>
    <message>
        <source>Can be replaced in a disruption by {alternates}.</source>
        <translation>供給途絶時は {alternates} で代替できます。</translation>
    </message>
    <message>
        <source>An alternate for {items} in a disruption: not used in normal times.</source>
        <translation>供給途絶時の {items} の代替品です（平常時は使用しません）。</translation>
    </message>
</context>
<context>
    <name>BomTreeModel</name>
    <message>
        <source>Item</source>
        <translation>品目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Qty per
parent</source>
        <translation>親あたり
数量</translation>
    </message>
    <message>
        <source>Per
product</source>
        <translation>製品
あたり</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>単位</translation>
    </message>
    <message>
        <source>The item's id; hover a row for its kind</source>
        <translation>品目 ID（行にカーソルを合わせると種別を表示）</translation>
    </message>
    <message>
        <source>Effective quantity per unit of the parent: qty_per × (1 + scrap %/100)</source>
        <translation>親 1 単位あたりの実効数量：qty_per ×（1 + スクラップ率 %/100）</translation>
    </message>
    <message>
        <source>Quantity per unit of the product at the top, through every level above</source>
        <translation>最上位の製品 1 単位あたりの数量（上位の全階層を通算）</translation>
    </message>
    <message>
        <source>product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>component</source>
        <translation>部品</translation>
    </message>
    <message>
        <source>material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Effective quantity: qty_per × (1 + scrap %/100)</source>
        <translation>実効数量：qty_per ×（1 + スクラップ率 %/100）</translation>
    </message>
    <message>
        <source>{item} ({kind})</source>
        <translation>{item}（{kind}）</translation>
    </message>
    <message>
        <source>Quantity per unit of the product at the top if the alternate replaced the item in full</source>
        <translation>代替品で品目を全量置き換えた場合の、最上位の製品 1 単位あたりの数量</translation>
    </message>
    <message>
        <source>Units of the alternate per unit of the item it replaces (ratio)</source>
        <translation>置き換える品目 1 単位あたりの代替品の数量（代替比率）</translation>
    </message>
    <message>
        <source>Alternate (after {days} days, up to {share}): {name}</source>
        <translation>代替品（{days} 日後から、最大 {share}）：{name}</translation>
    </message>
    <message>
        <source>Alternate (qualified, up to {share}): {name}</source>
        <translation>代替品（切替可能、最大 {share}）：{name}</translation>
    </message>
    <message>
        <source>Alternate {alternate} {name} may replace {item} in a disruption from day {days} of the stop: {ratio} of it per unit of {item}, for up to {share} of the requirement.</source>
        <translation>代替品 {alternate} {name} は、供給途絶の {days} 日目から {item} の代わりに使用できます（{item} 1 単位あたり {ratio}、所要量の最大 {share} まで）。</translation>
    </message>
    <message>
        <source>Alternate {alternate} {name} may replace {item} in a disruption from the first day of the stop: {ratio} of it per unit of {item}, for up to {share} of the requirement.</source>
        <translation>代替品 {alternate} {name} は、供給途絶の初日から {item} の代わりに使用できます（{item} 1 単位あたり {ratio}、所要量の最大 {share} まで）。</translation>
    </message>
</context>
<context>
    <name>ChangeLog</name>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Row added</source>
        <translation>行の追加</translation>
    </message>
    <message>
        <source>Row removed</source>
        <translation>行の削除</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込み</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>変更者</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>シート</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>変更後</translation>
    </message>
</context>
<context>
    <name>ChangeLogDialog</name>
    <message>
        <source>Change Log — {project}</source>
        <translation>変更履歴 — {project}</translation>
    </message>
    <message>
        <source>All tables</source>
        <translation>すべてのシート</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>すべてのユーザー</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>指定日以降</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>最新の情報に更新</translation>
    </message>
    <message>
        <source>Table:</source>
        <translation>シート：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>ユーザー：</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>Excel に書き出し…</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) shown, newest first.</source>
        <translation>
            <numerusform>%n 件の変更を新しい順に表示しています。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform></translation>
    </message>
    <message>
        <source>Export the change log</source>
        <translation>変更履歴の書き出し</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>Change log</source>
        <translation>変更履歴</translation>
    </message>
    <message>
        <source>Wrote {file}</source>
        <translation>{file} を書き出しました</translation>
    </message>
    <message>
        <source>Not exported: {reason}</source>
        <translation>書き出せませんでした：{reason}</translation>
    </message>
</context>
<context>
    <name>ChangesPage</name>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Over the supplier cap</source>
        <translation>仕入先別上限比率の超過</translation>
    </message>
    <message>
        <source>Over the country cap</source>
        <translation>国別上限比率の超過</translation>
    </message>
    <message>
        <source>Days of cover</source>
        <translation>在庫日数</translation>
    </message>
    <message>
        <source>Top supplier's share</source>
        <translation>最大仕入先の比率</translation>
    </message>
    <message>
        <source>Top country's share</source>
        <translation>最大国の比率</translation>
    </message>
    <message>
        <source>Effective top country's share</source>
        <translation>実質最大国の比率</translation>
    </message>
    <message>
        <source>newly below target</source>
        <translation>新たに目標未達</translation>
    </message>
    <message>
        <source>newly critical</source>
        <translation>新たに危険</translation>
    </message>
    <message>
        <source>newly over the cap</source>
        <translation>新たに上限超過</translation>
    </message>
    <message>
        <source>rose</source>
        <translation>増加</translation>
    </message>
    <message>
        <source>fell</source>
        <translation>減少</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>品目</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>仕入先</translation>
    </message>
    <message>
        <source>Source (item, supplier)</source>
        <translation>調達先（品目、仕入先）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Compare with a file…</source>
        <translation>ファイルと比較...</translation>
    </message>
    <message>
        <source>Compare the open project with:</source>
        <translation>開いているプロジェクトの比較対象:</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Added and removed</source>
        <translation>追加・削除</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>在庫</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>調達先</translation>
    </message>
    <message>
        <source>Since the last refresh ({what})</source>
        <translation>前回の更新以降（{what}）</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>比較対象</translation>
    </message>
    <message>
        <source>Projects and workbooks (*.stockpile *.xlsx);;All files (*)</source>
        <translation>プロジェクトとブック (*.stockpile *.xlsx);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Opening {file}…</source>
        <translation>{file} を開いています…</translation>
    </message>
    <message>
        <source>Cannot open {file}</source>
        <translation>{file} を開けません</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>比較しています…</translation>
    </message>
    <message>
        <source>Comparing</source>
        <translation>比較中</translation>
    </message>
    <message>
        <source>Cannot compare: {reason}</source>
        <translation>比較できません: {reason}</translation>
    </message>
    <message>
        <source>Nothing to compare with yet. After File → Monthly Refresh… or Import with Mapping…, this page shows what changed since; or compare with a file.</source>
        <translation>比較対象がまだありません。「ファイル」→「月次更新...」または「マッピングして取り込む...」の後、このページにその後の変更が表示されます。ファイルと比較することもできます。</translation>
    </message>
    <message>
        <source>Nothing changed: the two projects have the same data and settings.</source>
        <translation>変更はありません。2 つのプロジェクトのデータと設定は同じです。</translation>
    </message>
    <message>
        <source>Figures of materials that moved beyond the thresholds: {figures}. Products that worsened: {products}. Added: {added}; removed: {removed}. Rows changed: {stock} in Stock, {sources} in Sources, {orders} in Orders.</source>
        <translation>しきい値を超えて変動した材料の指標: {figures} 件。悪化した製品: {products} 件。追加: {added} 件、削除: {removed} 件。変更された行: 在庫 {stock} 行、調達先 {sources} 行、発注残 {orders} 行。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>Was</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>added</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>Because of</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Was: {value}</source>
        <translation>変更前: {value}</translation>
    </message>
    <message>
        <source>This row is only in the project compared with.</source>
        <translation>この行は比較対象のプロジェクトにのみあります。</translation>
    </message>
</context>
<context>
    <name>CodesPane</name>
    <message>
        <source>&lt;b&gt;{column}&lt;/b&gt; ← {header}: {choices}</source>
        <translation>&lt;b&gt;{column}&lt;/b&gt; ← {header}：{choices}</translation>
    </message>
    <message>
        <source>any unit, such as pcs or kg</source>
        <translation>pcs、kg などの任意の単位</translation>
    </message>
    <message numerus="yes">
        <source>{code} (%n row(s))</source>
        <translation>
            <numerusform>{code}（%n 行）</numerusform></translation>
    </message>
    <message>
        <source>— as written —</source>
        <translation>－ そのまま －</translation>
    </message>
    <message>
        <source>The template does not read this code: say what it means.</source>
        <translation>テンプレートではこのコードを読み取れません。意味を指定してください。</translation>
    </message>
    <message>
        <source>… and {count} more codes</source>
        <translation>…ほか {count} 個のコード</translation>
    </message>
    <message>
        <source>No column of this table holds codes to translate.</source>
        <translation>この表には変換が必要なコードの列はありません。</translation>
    </message>
</context>
<context>
    <name>ColumnTips</name>
    <message>
        <source>The item's ID, as in the Items table.</source>
        <translation>品目シートに登録した品目コード。</translation>
    </message>
    <message>
        <source>The product's ID, as in the Items table.</source>
        <translation>品目シートに登録した製品の品目コード。</translation>
    </message>
    <message>
        <source>The ID of the item this line builds.</source>
        <translation>この行で作る品目（親品目）のコード。</translation>
    </message>
    <message>
        <source>The ID of the item it consumes.</source>
        <translation>使用する品目（子品目）のコード。</translation>
    </message>
    <message>
        <source>The supplier's ID, as in the Suppliers table.</source>
        <translation>仕入先シートに登録した仕入先コード。</translation>
    </message>
    <message>
        <source>The name given in the Items (or Suppliers) table.</source>
        <translation>品目シート（または仕入先シート）に登録した名称。</translation>
    </message>
    <message>
        <source>The item's name, from the Items table (change it there).</source>
        <translation>品目シートの品名（変更は品目シートで行います）。</translation>
    </message>
    <message>
        <source>The supplier's name, from the Suppliers table (change it there).</source>
        <translation>仕入先シートの仕入先名（変更は仕入先シートで行います）。</translation>
    </message>
    <message>
        <source>The parent item's name, from the Items table.</source>
        <translation>品目シートに登録した親品目の品名。</translation>
    </message>
    <message>
        <source>The child item's name, from the Items table.</source>
        <translation>品目シートに登録した子品目の品名。</translation>
    </message>
    <message>
        <source>The unit every quantity of this item is counted in (kg, pcs, …).</source>
        <translation>この品目の数量を数える単位（kg、pcs など）。</translation>
    </message>
    <message>
        <source>Stock on hand on the as-of date, in the item's unit.</source>
        <translation>基準日時点の手持在庫（品目の単位）。</translation>
    </message>
    <message>
        <source>Cover with orders: days of cover counting open orders due within the horizon as stock, in days.</source>
        <translation>発注残込み在庫日数：計画期間内に納期を迎える発注残を在庫に含めた在庫日数（日）。</translation>
    </message>
    <message>
        <source>The days of cover to hold: the item's own target, else the project's.</source>
        <translation>確保する在庫日数。品目ごとの目標、なければプロジェクト全体の目標です。</translation>
    </message>
    <message>
        <source>The stock never to go below, in the item's unit.</source>
        <translation>これを下回ってはならない在庫数量（品目の単位）。</translation>
    </message>
    <message>
        <source>Gross requirement per day through the BOM, in the item's unit (with a forecast: its average over the horizon).</source>
        <translation>部品表を展開した 1 日あたりの総所要量（品目の単位。需要予測がある場合は計画期間の平均）。</translation>
    </message>
    <message>
        <source>The alternate's name, from the Items table.</source>
        <translation>代替品の品名（品目マスタから）。</translation>
    </message>
    <message>
        <source>Days of cover: on hand ÷ daily use, in days from the as-of date; with a forecast, the day the forecast requirement uses up the stock.</source>
        <translation>在庫日数：手持在庫 ÷ 日次使用量（基準日からの日数）。需要予測がある場合は、予測所要量で在庫が尽きる日。</translation>
    </message>
    <message>
        <source>Where the safety stock comes from: given in the Stock table, or computed from the service level, demand and lead time variation.</source>
        <translation>安全在庫の根拠：在庫シートに入力した値、またはサービス率と需要・リードタイムのばらつきから算出した値。</translation>
    </message>
    <message>
        <source>critical: at or below safety stock, or cover shorter than the fastest lead time; short: cover below target; ok: on target.</source>
        <translation>危険：安全在庫以下、または在庫日数が最短リードタイムより短い。目標未達：在庫日数が目標を下回る。目標達成：目標どおり。</translation>
    </message>
    <message>
        <source>The worst status among the materials it consumes.</source>
        <translation>使用する材料のうち最も悪い状態。</translation>
    </message>
    <message>
        <source>The material that gives it its worst status.</source>
        <translation>最も悪い状態の原因となっている材料。</translation>
    </message>
    <message>
        <source>The supplier with the largest share of the item's supply.</source>
        <translation>この品目の供給で比率が最も大きい仕入先。</translation>
    </message>
    <message>
        <source>The top supplier's share of the item's supply, in percent.</source>
        <translation>最大仕入先がこの品目の供給に占める比率（%）。</translation>
    </message>
    <message>
        <source>The origin country (mined or refined) with the largest share, not the seller's country.</source>
        <translation>比率が最も大きい原産国（採掘・精錬した国）。販売者の国ではありません。</translation>
    </message>
    <message>
        <source>The top origin country's share of the item's supply, in percent.</source>
        <translation>最大原産国がこの品目の供給に占める比率（%）。</translation>
    </message>
    <message>
        <source>Supplier HHI (Herfindahl-Hirschman index): 10,000 × the sum of the squared supplier shares; 10,000 means a single source, below 1,500 is diversified.</source>
        <translation>仕入先 HHI（ハーフィンダール・ハーシュマン指数）：仕入先別比率の二乗和 × 10,000。10,000 は単一調達先、1,500 未満は分散した状態です。</translation>
    </message>
    <message>
        <source>Country HHI: 10,000 × the sum of the squared origin-country shares; 10,000 means one country.</source>
        <translation>原産国 HHI：原産国別比率の二乗和 × 10,000。10,000 は 1 か国のみの状態です。</translation>
    </message>
    <message>
        <source>How many suppliers the item has.</source>
        <translation>この品目の仕入先の数。</translation>
    </message>
    <message>
        <source>yes: one supplier's share is above the project's maximum supplier share.</source>
        <translation>該当：1 社の仕入先の比率が仕入先別上限比率を超えています。</translation>
    </message>
    <message>
        <source>yes: one origin country's share is above the project's maximum country share.</source>
        <translation>該当：1 か国の原産国の比率が国別上限比率を超えています。</translation>
    </message>
    <message>
        <source>How many purchased materials it consumes, at any BOM level.</source>
        <translation>部品表のすべての階層で使用する購入材料の数。</translation>
    </message>
    <message>
        <source>The shortest days of cover among its materials, in days.</source>
        <translation>使用材料のうち最も短い在庫日数（日）。</translation>
    </message>
    <message>
        <source>The material with the shortest days of cover.</source>
        <translation>在庫日数が最も短い材料。</translation>
    </message>
    <message>
        <source>The material whose origin country share is highest.</source>
        <translation>原産国比率が最も高い材料。</translation>
    </message>
    <message>
        <source>How many of its materials are over the country cap.</source>
        <translation>国別上限比率を超えている使用材料の数。</translation>
    </message>
    <message>
        <source>How many of its materials are over the supplier cap.</source>
        <translation>仕入先別上限比率を超えている使用材料の数。</translation>
    </message>
    <message>
        <source>The share of its supply the stop hits, in percent.</source>
        <translation>供給途絶の影響を受ける供給の比率（%）。</translation>
    </message>
    <message>
        <source>TTS, time to survive: the day after the stop's start when the stock, and the orders still arriving, run out.</source>
        <translation>耐久日数（TTS）：供給途絶の開始から、在庫と途絶中も入荷する発注残が尽きるまでの日数。</translation>
    </message>
    <message>
        <source>TTR, time to recover: days until supply is back at full capacity after the stop.</source>
        <translation>復旧日数（TTR）：供給途絶の後、供給能力が完全に戻るまでの日数。</translation>
    </message>
    <message>
        <source>TTR − TTS where positive: days without stock, in days.</source>
        <translation>TTR − TTS（正の場合）：在庫がなくなる日数（日）。</translation>
    </message>
    <message>
        <source>Stock that would close the gap, in the item's unit.</source>
        <translation>在庫切れの期間を埋めるのに必要な在庫（品目の単位）。</translation>
    </message>
    <message>
        <source>The strategic stock's value at the item's price.</source>
        <translation>戦略在庫を品目の単価で評価した金額。</translation>
    </message>
    <message>
        <source>What cannot be supplied during the stop, in the item's unit.</source>
        <translation>供給途絶中に供給できない数量（品目の単位）。</translation>
    </message>
    <message>
        <source>The shortfall's value at the item's price.</source>
        <translation>不足数量を品目の単価で評価した金額。</translation>
    </message>
    <message>
        <source>Days without the item: shortfall ÷ daily use.</source>
        <translation>欠品日数：不足数量 ÷ 日次使用量。</translation>
    </message>
    <message>
        <source>Open orders from the stopped sources that will not arrive, in the item's unit.</source>
        <translation>途絶した調達先からの発注残のうち、入荷しない数量（品目の単位）。</translation>
    </message>
    <message>
        <source>Open orders that still arrive during the stop, in the item's unit.</source>
        <translation>供給途絶中も入荷する発注残（品目の単位）。</translation>
    </message>
    <message>
        <source>The day after the stop's start when the product stops.</source>
        <translation>供給途絶の開始から、製品の生産が止まるまでの日数。</translation>
    </message>
    <message>
        <source>The material that stops it longest.</source>
        <translation>生産を最も長く止める材料。</translation>
    </message>
    <message>
        <source>Days between the stop's end and the product stopping; negative: days stopped.</source>
        <translation>供給途絶の終了から製品の生産停止までの余裕日数。負の値は停止日数です。</translation>
    </message>
    <message>
        <source>Units of the product not made: daily demand × outage days.</source>
        <translation>生産できない製品の数量：日次需要 × 欠品日数。</translation>
    </message>
    <message>
        <source>Units lost × the product's price.</source>
        <translation>欠品数量 × 製品の単価。</translation>
    </message>
    <message>
        <source>The stop's rank, the riskiest first.</source>
        <translation>供給途絶の順位（リスクの大きい順）。</translation>
    </message>
    <message>
        <source>The supplier or country that stops.</source>
        <translation>供給が途絶する仕入先または国。</translation>
    </message>
    <message>
        <source>Risk exposure index: revenue at risk relative to the riskiest stop (100% is the riskiest).</source>
        <translation>リスク指数：最もリスクの大きい供給途絶に対する影響売上高の比率（100% が最大）。</translation>
    </message>
    <message>
        <source>The stop's share of the spend on purchased materials, in percent.</source>
        <translation>購入材料の購入額のうち、この供給途絶が影響する比率（%）。</translation>
    </message>
    <message>
        <source>The first day a material runs out, from the stop's start.</source>
        <translation>供給途絶の開始から、最初に材料が欠品するまでの日数。</translation>
    </message>
    <message>
        <source>How many products stop within the stop.</source>
        <translation>供給途絶中に生産が止まる製品の数。</translation>
    </message>
    <message>
        <source>How many materials lose some supply.</source>
        <translation>供給の一部を失う材料の数。</translation>
    </message>
    <message>
        <source>How many materials run out.</source>
        <translation>欠品する材料の数。</translation>
    </message>
    <message>
        <source>How long the stop lasts, in days.</source>
        <translation>供給途絶の期間（日）。</translation>
    </message>
    <message>
        <source>Effective quantity per unit of the parent (scrap included), in the child's unit.</source>
        <translation>親品目 1 単位あたりの実所要量（スクラップ込み、子品目の単位）。</translation>
    </message>
    <message>
        <source>Quantity per unit of the product, at every BOM level, in the material's unit.</source>
        <translation>製品 1 単位あたりの所要量（部品表の全階層、材料の単位）。</translation>
    </message>
    <message>
        <source>The last day to order so that the order arrives before stock falls to its target.</source>
        <translation>在庫が目標を下回る前に入荷させるための発注期限。</translation>
    </message>
    <message>
        <source>yes: the order-by date has passed; order today.</source>
        <translation>該当：発注期限を過ぎています。今日発注してください。</translation>
    </message>
    <message>
        <source>The quantity, in the item's unit.</source>
        <translation>数量（品目の単位）。</translation>
    </message>
    <message>
        <source>The price of one unit, in the currency of the column title (or of the row).</source>
        <translation>1 単位あたりの価格（列見出し、または行の通貨）。</translation>
    </message>
    <message>
        <source>Quantity × unit price, in the project's currency.</source>
        <translation>数量 × 単価（プロジェクトの通貨）。</translation>
    </message>
    <message>
        <source>Days from order to arrival.</source>
        <translation>発注から入荷までの日数。</translation>
    </message>
    <message>
        <source>The day the order is expected to arrive if placed today.</source>
        <translation>今日発注した場合の入荷予定日。</translation>
    </message>
    <message>
        <source>Where the material is mined or refined.</source>
        <translation>材料を採掘・精錬した国。</translation>
    </message>
    <message>
        <source>What is needed beyond stock and open orders to reach the target, in the item's unit.</source>
        <translation>目標に達するために、在庫と発注残のほかに必要な数量（品目の単位）。</translation>
    </message>
    <message>
        <source>What the plan orders, in the item's unit.</source>
        <translation>計画で発注する数量（品目の単位）。</translation>
    </message>
    <message>
        <source>Why the plan orders what it does.</source>
        <translation>計画がこの発注内容になった理由。</translation>
    </message>
    <message>
        <source>The country, as an ISO 3166 code.</source>
        <translation>国（ISO 3166 コード）。</translation>
    </message>
    <message>
        <source>How many order lines.</source>
        <translation>発注明細の数。</translation>
    </message>
    <message>
        <source>Its share of the plan's spend, in percent.</source>
        <translation>計画の購入額に占める比率（%）。</translation>
    </message>
    <message>
        <source>What to watch for on this line, such as stock running out before the order can arrive.</source>
        <translation>この明細で注意すべき点（入荷前に在庫が尽きるなど）。</translation>
    </message>
    <message>
        <source>Days of cover today, with open orders, in days.</source>
        <translation>現在の発注残込み在庫日数（日）。</translation>
    </message>
    <message>
        <source>Days of cover once the plan's orders arrive, in days.</source>
        <translation>計画の発注が入荷した後の在庫日数（日）。</translation>
    </message>
    <message>
        <source>The top supplier's share of the item's supply today, in percent.</source>
        <translation>現在、最大仕入先がこの品目の供給に占める比率（%）。</translation>
    </message>
    <message>
        <source>The top supplier's share with the plan's orders, in percent.</source>
        <translation>計画の発注を含めた最大仕入先の比率（%）。</translation>
    </message>
    <message>
        <source>Today's top origin country.</source>
        <translation>現在の最大原産国。</translation>
    </message>
    <message>
        <source>The top origin country's share today, in percent.</source>
        <translation>現在の最大原産国の比率（%）。</translation>
    </message>
    <message>
        <source>The top origin country's share with the plan's orders, in percent.</source>
        <translation>計画の発注を含めた最大原産国の比率（%）。</translation>
    </message>
    <message>
        <source>Supplier HHI today: 10,000 × the sum of the squared supplier shares (10,000: a single source).</source>
        <translation>現在の仕入先 HHI：仕入先別比率の二乗和 × 10,000（10,000 は単一調達先）。</translation>
    </message>
    <message>
        <source>Supplier HHI with the plan's orders (10,000: a single source).</source>
        <translation>計画の発注を含めた仕入先 HHI（10,000 は単一調達先）。</translation>
    </message>
    <message>
        <source>yes: a supplier or origin country is still over its cap after the plan.</source>
        <translation>該当：計画後も仕入先または原産国が上限比率を超えています。</translation>
    </message>
    <message>
        <source>A group of your own, to sort and search by.</source>
        <translation>並べ替えや検索に使う独自の分類。</translation>
    </message>
    <message>
        <source>How many units of the child one unit of the parent takes, in the child's unit.</source>
        <translation>親品目 1 単位に使う子品目の数量（子品目の単位）。</translation>
    </message>
    <message>
        <source>Percent of the child lost in making the parent; 5 means 5% more is used.</source>
        <translation>親品目を作る際に失われる子品目の比率（%）。5 は 5% 多く使うことを表します。</translation>
    </message>
    <message>
        <source>The day the order is expected to arrive.</source>
        <translation>発注品の入荷予定日。</translation>
    </message>
    <message>
        <source>The most the source can deliver in a month, in the item's unit.</source>
        <translation>調達先が 1 か月に供給できる最大数量（品目の単位）。</translation>
    </message>
    <message>
        <source>Minimum order quantity, in the item's unit.</source>
        <translation>最小発注数量（品目の単位）。</translation>
    </message>
    <message>
        <source>The setting's name.</source>
        <translation>設定項目の名前。</translation>
    </message>
    <message>
        <source>The setting's value.</source>
        <translation>設定値。</translation>
    </message>
    <message>
        <source>The demand for the product per period (the Per column), in its unit.</source>
        <translation>期間（期間列）あたりの製品の需要（品目の単位）。</translation>
    </message>
    <message>
        <source>The quantity ordered, in the item's unit.</source>
        <translation>発注した数量のうち未入荷の数量（品目の単位）。</translation>
    </message>
    <message>
        <source>The demand forecast for the month, in the item's unit.</source>
        <translation>その月の需要予測（品目の単位）。</translation>
    </message>
    <message>
        <source>The USGS commodity whose world production spreads an unknown origin (Rare Earths, Gallium…).</source>
        <translation>原産国不明の調達分の按分に用いる USGS の鉱種（レアアース、ガリウムなど）。</translation>
    </message>
    <message>
        <source>The largest origin country once unknown origins are spread over the world's producers (an estimate).</source>
        <translation>原産国不明分を世界の生産国に按分した後の最大の原産国（推定）。</translation>
    </message>
    <message>
        <source>The effective top country's share of the item's supply, in percent (an estimate).</source>
        <translation>実質ベースの最大原産国が品目の調達に占める比率（%、推定）。</translation>
    </message>
    <message>
        <source>Country HHI of the effective mix (the world's other countries counted as one producer).</source>
        <translation>実質ベースの国別 HHI（世界のその他の国は 1 つの生産国として計算）。</translation>
    </message>
    <message>
        <source>The largest producer of the commodity in the world (USGS).</source>
        <translation>その鉱種の世界最大の生産国（USGS）。</translation>
    </message>
    <message>
        <source>The largest producer's share of world production, in percent (USGS).</source>
        <translation>最大生産国が世界生産に占める比率（%、USGS）。</translation>
    </message>
    <message>
        <source>The share of the item's supply whose origin is unknown (written unknown, or blank from a trader), in percent.</source>
        <translation>原産国不明（「不明」と記入、または商社からの調達で空欄）の調達分が品目の調達に占める比率（%）。</translation>
    </message>
    <message>
        <source>The share of the item's supply from secondary (recycled or reprocessed) sources, in percent.</source>
        <translation>二次原料（リサイクル材・再生材）の調達先からの供給が品目の調達に占める比率（%）です。</translation>
    </message>
    <message>
        <source>The part of the share that look-through found: supply of unknown origin spread over the world's producers (an estimate).</source>
        <translation>比率のうちルックスルーで判明した分。原産国不明の調達分を世界の生産国に按分したものです（推定）。</translation>
    </message>
    <message>
        <source>The purchase value of the materials in one unit of the product, in the project's currency.</source>
        <translation>製品 1 単位に含まれる材料の購入額（基準通貨）。</translation>
    </message>
    <message>
        <source>The country whose content in products is screened (the setting Content country).</source>
        <translation>製品の含有を審査する対象国（設定「含有判定の対象国」）。</translation>
    </message>
    <message>
        <source>The value per unit of product of the materials from the content country (effective origins), in the project's currency.</source>
        <translation>製品 1 単位あたり、対象国を原産国とする材料の含有価値（実質ベース、基準通貨）。</translation>
    </message>
    <message>
        <source>The content value's share of the material value: an estimate for screening, not a legal determination.</source>
        <translation>材料価値に占める含有価値の比率。審査用の推定であり、法的な判定ではありません。</translation>
    </message>
    <message>
        <source>yes: the content share is above the project's content threshold.</source>
        <translation>該当：含有率が含有率の基準値を超えています。</translation>
    </message>
</context>
<context>
    <name>ColumnWords</name>
    <message>
        <source>given</source>
        <translation>入力値</translation>
    </message>
    <message>
        <source>service level</source>
        <translation>サービス率</translation>
    </message>
    <message>
        <source>no lead time</source>
        <translation>リードタイムなし</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>materials below target cover</source>
        <translation>目標在庫日数を下回る材料</translation>
    </message>
    <message>
        <source>single-sourced materials</source>
        <translation>仕入先が 1 社のみの材料</translation>
    </message>
    <message>
        <source>materials over the supplier cap</source>
        <translation>仕入先別上限比率を超える材料</translation>
    </message>
    <message>
        <source>materials over the country cap</source>
        <translation>国別上限比率を超える材料</translation>
    </message>
    <message>
        <source>of purchase value from the largest origin country</source>
        <translation>最大の原産国が購入額に占める比率</translation>
    </message>
    <message>
        <source>See What changed</source>
        <translation>「前回からの変更」を表示</translation>
    </message>
    <message>
        <source>The figures cannot be shown</source>
        <translation>数値を表示できません</translation>
    </message>
    <message>
        <source>{error}&lt;br&gt;&lt;br&gt;Fix the problems marked in the tables; the dashboard comes back by itself.</source>
        <translation>{error}&lt;br&gt;&lt;br&gt;表で示された問題を修正してください。修正するとダッシュボードが自動的に表示されます。</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>数値を計算しています…</translation>
    </message>
    <message>
        <source>The dashboard appears as soon as they are ready.</source>
        <translation>計算が終わりしだいダッシュボードを表示します。</translation>
    </message>
    <message>
        <source>No materials yet</source>
        <translation>材料がまだありません</translation>
    </message>
    <message>
        <source>Import a template workbook or add materials and their sources to see days of cover and exposure here.</source>
        <translation>テンプレートのブックを取り込むか、材料とその調達先を追加すると、在庫日数と供給リスクがここに表示されます。</translation>
    </message>
    <message>
        <source>Since the last refresh ({what}): materials whose figures moved: {moved}; newly short of target: {short}; products that worsened: {products}; rows changed, added or removed: {rows}.</source>
        <translation>前回の更新以降（{what}）: 指標が動いた材料 {moved} 件、新たに目標未達となった材料 {short} 件、状態が悪化した製品 {products} 件、変更・追加・削除された行 {rows} 行です。</translation>
    </message>
    <message>
        <source>Origin-country mix of supply (effective)</source>
        <translation>原産国別の調達構成（実質ベース）</translation>
    </message>
    <message>
        <source>&amp;nbsp;of {total}</source>
        <translation>&amp;nbsp;/ {total}</translation>
    </message>
    <message>
        <source>Critical or short of their target days ({count} critical):</source>
        <translation>危険または目標未達の材料（うち危険 {count} 件）：</translation>
    </message>
    <message>
        <source>Bought from one supplier only:</source>
        <translation>1 社の仕入先からのみ購入している材料：</translation>
    </message>
    <message>
        <source>A supplier holds more than {share} of supply:</source>
        <translation>1 社の仕入先が供給の {share} を超える材料：</translation>
    </message>
    <message>
        <source>One origin country holds more than {share}:</source>
        <translation>1 か国の原産国が {share} を超える材料：</translation>
    </message>
    <message>
        <source>No purchase values: add unit prices to the sources.</source>
        <translation>購入額がありません。調達先に単価を入力してください。</translation>
    </message>
    <message>
        <source>of purchase value from {country} (largest origin, effective)</source>
        <translation>購入額に占める{country}の比率
（最大の原産国、実質ベース）</translation>
    </message>
    <message>
        <source>of purchase value from {country} (largest origin)</source>
        <translation>購入額に占める{country}の比率
（最大の原産国）</translation>
    </message>
    <message>
        <source>Share of daily purchase value by origin country. G7 marks: under {cap} by 2030, ambition {ambition}.</source>
        <translation>原産国別の 1 日あたり購入額の比率。G7 の目安：2030 年までに {cap} 未満、目標は {ambition}。</translation>
    </message>
    <message>
        <source>
Next: {countries}</source>
        <translation>
次点：{countries}</translation>
    </message>
    <message>
        <source>
Effective: origins you do not know are spread over the world's producers of the material's commodity (an estimate).</source>
        <translation>
実質ベース：不明な原産国を、材料の鉱種の世界の生産国に按分しています（推定）。</translation>
    </message>
    <message>
        <source>
… and {count} more</source>
        <translation>
…ほか {count} 件</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>Warning: </source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>{project} on {server}</source>
        <translation>{project}（{server}）</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>You may view this project, not change it: the server gives your user no right to change it.</source>
        <translation>このプロジェクトは閲覧のみ可能で、変更はできません。サーバーであなたのユーザーに変更の権限が与えられていません。</translation>
    </message>
    <message>
        <source>Your change was refused: {reason}. It is kept under Refused changes.</source>
        <translation>変更は反映されませんでした（{reason}）。入力内容は「反映されなかった変更」に残してあります。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) kept while the server was away were refused: someone changed those rows first. They are kept under Refused changes.</source>
        <translation>
            <numerusform>サーバーに接続できない間に保留していた変更のうち %n 件は反映されませんでした。先に他のユーザーがその行を変更しています。入力内容は「反映されなかった変更」に残してあります。</numerusform></translation>
    </message>
    <message>
        <source>Undo history cleared: another desk added or removed rows the earlier steps refer to.</source>
        <translation>他のユーザーが行を追加または削除したため、元に戻す履歴を消去しました。</translation>
    </message>
    <message>
        <source>figures not updated: {error}</source>
        <translation>数値は更新されていません：{error}</translation>
    </message>
</context>
<context>
    <name>ExposureMap</name>
    <message>
        <source>Exposure map</source>
        <translation>供給リスクマップ</translation>
    </message>
    <message>
        <source>share of supply from the top origin country (%)</source>
        <translation>最大原産国からの調達比率（%）</translation>
    </message>
    <message>
        <source>days of cover</source>
        <translation>在庫日数</translation>
    </message>
    <message>
        <source>Hover a point for its figures; click it to select the material in every view.</source>
        <translation>点にカーソルを合わせると数値を表示します。クリックすると、すべての画面でその材料を選択します。</translation>
    </message>
    <message>
        <source>over the cap, under target</source>
        <translation>上限超過・目標未達</translation>
    </message>
    <message>
        <source>country cap {value:.0f}%</source>
        <translation>国別上限 {value:.0f}%</translation>
    </message>
    <message>
        <source>target {value:.0f} d</source>
        <translation>目標 {value:.0f} 日</translation>
    </message>
    <message>
        <source>Declared: the origins your Sources sheet gives (blank: the supplier's country).
Effective: origins you do not know (written unknown, or blank from a trader) spread over the world's producers of the material's commodity, by their share of world production. An estimate.</source>
        <translation>申告ベース：調達先シートに記入された原産国（空欄は仕入先の所在国）。
実質ベース：不明な原産国（「不明」と記入、または商社からの調達で空欄）を、材料の鉱種の世界生産に占める各国の比率で按分したもの。推定値です。</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>申告ベース</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>実質ベース</translation>
    </message>
    <message>
        <source>effective share of supply from the top origin country (%)</source>
        <translation>最大原産国からの調達比率・実質ベース（%）</translation>
    </message>
    <message numerus="yes">
        <source>{count} material(s) without demand or sources not shown</source>
        <translation>
            <numerusform>需要または調達先のない材料 {count} 件は非表示</numerusform></translation>
    </message>
    <message>
        <source>▲ cover beyond {days}</source>
        <translation>▲ 在庫日数 {days} 超</translation>
    </message>
    <message>
        <source>{name}
{cover} of cover, target {target} ({status})
{share} of supply from {country} (effective, an estimate)</source>
        <translation>{name}
在庫日数 {cover}、目標 {target}（{status}）
{country} からの調達比率 {share}（実質ベース、推定）</translation>
    </message>
    <message>
        <source>{name}
{cover} of cover, target {target} ({status})
{share} of supply from {country}</source>
        <translation>{name}
在庫日数 {cover}、目標 {target}（{status}）
{country} からの調達比率 {share}</translation>
    </message>
</context>
<context>
    <name>FiguresTable</name>
    <message>
        <source>Item</source>
        <translation>品目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>単位</translation>
    </message>
    <message>
        <source>Use / day</source>
        <translation>日次使用量</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>手持在庫</translation>
    </message>
    <message>
        <source>Cover (days)</source>
        <translation>在庫日数</translation>
    </message>
    <message>
        <source>With orders</source>
        <translation>発注残込み</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標在庫日数</translation>
    </message>
    <message>
        <source>Safety stock</source>
        <translation>安全在庫</translation>
    </message>
    <message>
        <source>Safety stock from</source>
        <translation>安全在庫の根拠</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Top supplier</source>
        <translation>主要仕入先</translation>
    </message>
    <message>
        <source>Supplier share</source>
        <translation>仕入先比率</translation>
    </message>
    <message>
        <source>Top country</source>
        <translation>主要原産国</translation>
    </message>
    <message>
        <source>Country share</source>
        <translation>原産国比率</translation>
    </message>
    <message>
        <source>Effective top country</source>
        <translation>最大原産国（実質ベース）</translation>
    </message>
    <message>
        <source>Effective share</source>
        <translation>原産国比率（実質ベース）</translation>
    </message>
    <message>
        <source>Unknown origin</source>
        <translation>原産国不明</translation>
    </message>
    <message>
        <source>Secondary</source>
        <translation>二次原料比率</translation>
    </message>
    <message>
        <source>Commodity</source>
        <translation>鉱種</translation>
    </message>
    <message>
        <source>World top producer</source>
        <translation>世界最大の生産国</translation>
    </message>
    <message>
        <source>World share</source>
        <translation>世界シェア</translation>
    </message>
    <message>
        <source>Supplier HHI</source>
        <translation>仕入先 HHI</translation>
    </message>
    <message>
        <source>Country HHI</source>
        <translation>原産国 HHI</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>仕入先数</translation>
    </message>
    <message>
        <source>Over supplier cap</source>
        <translation>仕入先上限超過</translation>
    </message>
    <message>
        <source>Over country cap</source>
        <translation>国別上限超過</translation>
    </message>
    <message>
        <source>Search {title}…</source>
        <translation>{title}を検索…</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>Demand / day</source>
        <translation>日次需要</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料数</translation>
    </message>
    <message>
        <source>Purchased items it consumes, at any BOM level</source>
        <translation>部品表のすべての階層で使用する購入品目の数</translation>
    </message>
    <message>
        <source>Worst status</source>
        <translation>最も悪い状態</translation>
    </message>
    <message>
        <source>Because of</source>
        <translation>原因の材料</translation>
    </message>
    <message>
        <source>Least cover</source>
        <translation>最短在庫日数</translation>
    </message>
    <message>
        <source>The shortest days of cover among its materials</source>
        <translation>使用材料のうち最も短い在庫日数</translation>
    </message>
    <message>
        <source>Least-covered material</source>
        <translation>在庫日数が最短の材料</translation>
    </message>
    <message>
        <source>Top origin</source>
        <translation>主要原産国</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>比率</translation>
    </message>
    <message>
        <source>The highest top-country share among its materials</source>
        <translation>使用材料のうち最も高い主要原産国の比率</translation>
    </message>
    <message>
        <source>Most concentrated material</source>
        <translation>集中度が最も高い材料</translation>
    </message>
    <message>
        <source>Content country</source>
        <translation>含有判定の対象国</translation>
    </message>
    <message>
        <source>Content share</source>
        <translation>含有率</translation>
    </message>
    <message>
        <source>Over content threshold</source>
        <translation>含有率の基準超過</translation>
    </message>
    <message>
        <source>Content value / unit</source>
        <translation>含有価値（製品 1 単位あたり）</translation>
    </message>
    <message>
        <source>Material value / unit</source>
        <translation>材料価値（製品 1 単位あたり）</translation>
    </message>
</context>
<context>
    <name>FileController</name>
    <message>
        <source>Projects and workbooks (*.stockpile *.xlsx *.csv);;Stockpile project (*.stockpile);;Template workbook (*.xlsx);;All files (*)</source>
        <translation>プロジェクトとブック (*.stockpile *.xlsx *.csv);;Stockpile プロジェクト (*.stockpile);;テンプレートブック (*.xlsx);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Stockpile project (*.stockpile)</source>
        <translation>Stockpile プロジェクト (*.stockpile)</translation>
    </message>
    <message>
        <source>Template workbook (*.xlsx)</source>
        <translation>テンプレートブック (*.xlsx)</translation>
    </message>
    <message>
        <source>Exports (*.xlsx *.xlsm *.csv);;Workbooks (*.xlsx *.xlsm);;CSV files: pick one, its folder is read (*.csv);;All files (*)</source>
        <translation>エクスポート (*.xlsx *.xlsm *.csv);;ブック (*.xlsx *.xlsm);;CSV ファイル：1 つ選ぶとフォルダー全体を読み込み (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <source>Save the changes to {name} before closing it?</source>
        <translation>閉じる前に {name} への変更を保存しますか？</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>名前を付けて保存</translation>
    </message>
    <message>
        <source>Changes not on the server</source>
        <translation>サーバーに未保存の変更</translation>
    </message>
    <message numerus="yes">
        <source>The server cannot be reached, and %n change(s) to {name} have not reached it yet. Save the project to a file before closing it, so that nothing is lost?</source>
        <translation>
            <numerusform>サーバーに接続できず、{name} への %n 件の変更がまだサーバーに保存されていません。変更を失わないよう、閉じる前にプロジェクトをファイルに保存しますか？</numerusform></translation>
    </message>
    <message>
        <source>Opened {file}</source>
        <translation>{file} を開きました</translation>
    </message>
    <message>
        <source>Cannot open {file}</source>
        <translation>{file} を開けません</translation>
    </message>
    <message>
        <source>Opening {file}…</source>
        <translation>{file} を開いています…</translation>
    </message>
    <message numerus="yes">
        <source>The server still cannot be reached: %n change(s) are kept and will be saved once it is back.</source>
        <translation>
            <numerusform>サーバーにまだ接続できません。%n 件の変更を保留しており、接続が回復ししだい保存します。</numerusform></translation>
    </message>
    <message>
        <source>{project} is saved on the server as you edit it.</source>
        <translation>{project} は編集のたびにサーバーへ保存されています。</translation>
    </message>
    <message>
        <source>Saved a copy as {file}; the project stays on the server.</source>
        <translation>コピーを {file} に保存しました。プロジェクト自体はサーバー上にあります。</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>{file} を保存しました</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>保存できませんでした</translation>
    </message>
    <message>
        <source>Saving {file}…</source>
        <translation>{file} を保存しています…</translation>
    </message>
    <message>
        <source>Export template workbook</source>
        <translation>テンプレートブックの書き出し</translation>
    </message>
    <message>
        <source>Exported {file}</source>
        <translation>{file} を書き出しました</translation>
    </message>
    <message>
        <source>Exporting {file}…</source>
        <translation>{file} を書き出しています…</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>書き出せませんでした</translation>
    </message>
    <message>
        <source>Import workbook or CSV</source>
        <translation>ブックまたは CSV の取り込み</translation>
    </message>
    <message>
        <source>Import CSV folder</source>
        <translation>CSV フォルダーの取り込み</translation>
    </message>
    <message>
        <source>A project on a server is not replaced from the window: the other desks work on it. Open the workbook, or replace the project with planner convert FILE -o ADDRESS --replace.</source>
        <translation>サーバー上のプロジェクトは他のユーザーも使っているため、この画面からは置き換えられません。ブックを開くか、planner convert FILE -o ADDRESS --replace でプロジェクトを置き換えてください。</translation>
    </message>
    <message>
        <source>Import {file}</source>
        <translation>{file} の取り込み</translation>
    </message>
    <message>
        <source>Imported {file}</source>
        <translation>{file} を取り込みました</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>{file} を読み込んでいます…</translation>
    </message>
    <message>
        <source>Import with mapping: pick the export</source>
        <translation>マッピングして取り込む：エクスポートを選択</translation>
    </message>
    <message>
        <source>Monthly refresh: pick this month's export</source>
        <translation>月次更新：今月のエクスポートを選択</translation>
    </message>
    <message>
        <source>A project on a server is not replaced from the window: the other desks work on it. Import the export into a file, or use planner import on the command line.</source>
        <translation>サーバー上のプロジェクトはウィンドウからは置き換えられません。他の担当者が作業中です。エクスポートをファイルに取り込むか、コマンドラインで planner import を使用してください。</translation>
    </message>
    <message>
        <source>Cannot read {file}</source>
        <translation>{file} を読み込めません</translation>
    </message>
    <message>
        <source>before the refresh from {file} at {time}</source>
        <translation>{time} の {file} による更新の前</translation>
    </message>
    <message>
        <source>Refresh from {file}</source>
        <translation>{file} による更新</translation>
    </message>
    <message>
        <source>before the import of {file} at {time}</source>
        <translation>{time} の {file} の取り込みの前</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between the tables of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Refreshed from {file}: {changes}. Undo brings last month back; What changed shows the differences.</source>
        <translation>{file} で更新しました: {changes}。「元に戻す」で先月の状態に戻ります。差分は「前回からの変更」で確認できます。</translation>
    </message>
    <message>
        <source>Imported {file} through the mapping; it is remembered for the next export of this layout.</source>
        <translation>マッピングにより {file} を取り込みました。このマッピングは同じレイアウトの次回のエクスポートのために記憶されます。</translation>
    </message>
    <message>
        <source>{table} {changed} changed, {added} added, {removed} removed</source>
        <translation>{table}（変更 {changed} 行・追加 {added} 行・削除 {removed} 行）</translation>
    </message>
    <message>
        <source>Opened {project} from {server}</source>
        <translation>{server} から {project} を開きました</translation>
    </message>
    <message>
        <source>Autosave failed: {reason}</source>
        <translation>自動保存できませんでした：{reason}</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>復元できません</translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation>未保存の変更を復元しますか？</translation>
    </message>
    <message>
        <source>Stockpile Planner was not closed properly. Unsaved changes to {name} were autosaved at {time}.

Restore them?</source>
        <translation>Stockpile Planner は前回正しく終了しませんでした。{name} の未保存の変更は {time} に自動保存されています。

復元しますか？</translation>
    </message>
</context>
<context>
    <name>ForecastPage</name>
    <message>
        <source>Forecast</source>
        <translation>需要予測</translation>
    </message>
    <message>
        <source>Units of a product (or any item) in a calendar month: type the month as 2027-01 or a date in it. Months without a row use the item's Demand rate.</source>
        <translation>製品（または任意の品目）の暦月ごとの数量です。月は 2027-01 の形式か、その月の日付で入力します。行のない月は、その品目の「需要」の数量を使います。</translation>
    </message>
    <message>
        <source>The item whose monthly requirement the chart shows; choosing a row in the table chooses its item.</source>
        <translation>グラフに月別所要量を表示する品目です。表で行を選ぶと、その品目に切り替わります。</translation>
    </message>
    <message>
        <source>Item:</source>
        <translation>品目：</translation>
    </message>
    <message>
        <source>{item} has no forecast of its own: its requirement comes from its Demand rate and from the forecasts of the items that use it.</source>
        <translation>{item} には独自の需要予測がありません。所要量は、この品目の「需要」の数量と、この品目を使用する品目の需要予測から求めています。</translation>
    </message>
    <message>
        <source>No forecast in this project: each month is the Demand rate, {quantity} {unit} a day through the BOM.</source>
        <translation>このプロジェクトには需要予測がありません。各月は「需要」の数量（部品表展開後で 1 日あたり {quantity} {unit}）です。</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <source>Item to export:</source>
        <translation>書き出す対象：</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Export options</source>
        <translation>書き出しの設定</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>グラフを書き出し...</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>Stockpile Planner Guide</source>
        <translation>Stockpile Planner ガイド</translation>
    </message>
    <message>
        <source>Find in the guide (Enter: next)</source>
        <translation>ガイド内を検索（Enter で次へ）</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>見つかりません</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Import {file}</source>
        <translation>{file} の取り込み</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; is valid: {items} Items, {bom} BOM, {demand} Demand, {stock} Stock, {suppliers} Suppliers, {sources} Sources, {orders} Orders.&lt;br&gt;Importing replaces the current project's data (Undo brings it back).</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; は問題なく読み込めました（Items {items} 行、BOM {bom} 行、Demand {demand} 行、Stock {stock} 行、Suppliers {suppliers} 行、Sources {sources} 行、Orders {orders} 行）。&lt;br&gt;取り込むと、現在のプロジェクトのデータが置き換わります（「元に戻す」で戻せます）。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{file}&lt;/b&gt; has {count} problem(s). Nothing will be imported until they are fixed in the workbook.</source>
        <translation>
            <numerusform>&lt;b&gt;{file}&lt;/b&gt; には {count} 件の問題があります。ブックで修正するまで取り込みは行いません。</numerusform></translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; cannot be imported: {reason}</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; は取り込めません：{reason}</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込み</translation>
    </message>
    <message>
        <source>{errors}, {warnings}:</source>
        <translation>{errors}、{warnings}：</translation>
    </message>
    <message numerus="yes">
        <source>{count} error(s)</source>
        <translation>
            <numerusform>エラー {count} 件</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{count} warning(s)</source>
        <translation>
            <numerusform>警告 {count} 件</numerusform></translation>
    </message>
</context>
<context>
    <name>InsertRows</name>
    <message>
        <source>Add 1 row</source>
        <translation>1 行の追加</translation>
    </message>
    <message>
        <source>Add {count} rows</source>
        <translation>{count} 行の追加</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Undo {step}</source>
        <translation>{step}を元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {step}</source>
        <translation>{step}をやり直す(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the &amp;Desktop</source>
        <translation>デスクトップの設定に従う(&amp;D)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>{name}[*] — Stockpile Planner</source>
        <translation>{name}[*] — Stockpile Planner</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>問題 %n 件</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>警告 %n 件</numerusform></translation>
    </message>
    <message>
        <source>figures not updated</source>
        <translation>数値は更新されていません</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>問題はありません</translation>
    </message>
    <message>
        <source>Problems ({count})</source>
        <translation>問題（{count} 件）</translation>
    </message>
    <message>
        <source>Recomputing figures…</source>
        <translation>数値を再計算しています…</translation>
    </message>
    <message>
        <source>Export summary as PDF</source>
        <translation>サマリーを PDF で書き出し</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote {file} (%n page(s))</source>
        <translation>
            <numerusform>{file} を書き出しました（%n ページ）</numerusform></translation>
    </message>
    <message>
        <source>Please wait: another task is running</source>
        <translation>ほかの処理を実行中です。しばらくお待ちください</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルしました</translation>
    </message>
    <message>
        <source>Wait for “{task}” to finish, or cancel it, before closing.</source>
        <translation>閉じる前に「{task}」の完了を待つか、キャンセルしてください。</translation>
    </message>
    <message>
        <source>About Stockpile Planner</source>
        <translation>Stockpile Planner について</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stockpile Planner&lt;/b&gt; {version}&lt;br&gt;Days of cover, supplier and country concentration, and stockpile planning for critical materials.</source>
        <translation>&lt;b&gt;Stockpile Planner&lt;/b&gt; {version}&lt;br&gt;重要鉱物の在庫日数、仕入先・国別の集中度を把握し、備蓄計画を立てるためのツールです。</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>component</source>
        <translation>部品</translation>
    </message>
    <message>
        <source>material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>week</source>
        <translation>週</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>producer</source>
        <translation>メーカー</translation>
    </message>
    <message>
        <source>trader</source>
        <translation>商社</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Monthly refresh from {file}</source>
        <translation>{file} による月次更新</translation>
    </message>
    <message>
        <source>Import {file} with a mapping</source>
        <translation>{file} をマッピングして取り込む</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; ({sheets} sheets) has the layout of an export you imported before: the mapping used then is filled in. Check it and import.</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt;（{sheets} シート）は以前に取り込んだエクスポートと同じレイアウトのため、そのときのマッピングを入力しました。確認してから取り込んでください。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; ({sheets} sheets): a first guess from its headers is filled in. Pick a table on the left, check which sheet and columns feed it (required columns are marked *), say what its codes mean, then import.</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt;（{sheets} シート）：見出しから推定したマッピングを入力しました。左の表を選び、取り込み元のシートと列を確認し（* は必須列）、コードの意味を指定してから取り込んでください。</translation>
    </message>
    <message>
        <source>Its prices are in {currency}, taken as the project's currency (see Settings).</source>
        <translation>価格が {currency} のため、これをプロジェクトの通貨としました（「設定」を参照）。</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（取り込まない）</translation>
    </message>
    <message>
        <source>Source sheet:</source>
        <translation>取り込み元シート:</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>見出し行:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Codes&lt;/b&gt;: what each code of the export means in the template</source>
        <translation>&lt;b&gt;コード&lt;/b&gt;：エクスポートの各コードのテンプレートでの意味</translation>
    </message>
    <message>
        <source>&lt;b&gt;Columns&lt;/b&gt;: which column of the sheet feeds each template column</source>
        <translation>&lt;b&gt;列&lt;/b&gt;：テンプレートの各列に対応するシートの列</translation>
    </message>
    <message>
        <source>Replace these tables of the open project:</source>
        <translation>開いているプロジェクトで置き換える表:</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; ({sheets} sheets) has the layout of an export you imported before: the mapping used then is filled in. Tick the tables to replace, check the preview, then refresh.</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt;（{sheets} シート）は以前に取り込んだエクスポートと同じレイアウトのため、そのときのマッピングを入力しました。置き換える表を選び、プレビューを確認してから更新してください。</translation>
    </message>
    <message>
        <source>Open Mapping…</source>
        <translation>マッピングを開く...</translation>
    </message>
    <message>
        <source>Save Mapping…</source>
        <translation>マッピングを保存...</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込み</translation>
    </message>
    <message>
        <source>{table}: values given here</source>
        <translation>{table}：この画面で入力</translation>
    </message>
    <message>
        <source>{table}: not imported</source>
        <translation>{table}：取り込まない</translation>
    </message>
    <message>
        <source>{table} ← {sheet}</source>
        <translation>{table} ← {sheet}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Settings&lt;/b&gt;: the values the export does not hold</source>
        <translation>&lt;b&gt;設定&lt;/b&gt;：エクスポートにない値</translation>
    </message>
    <message>
        <source>This table is not imported. Pick the sheet that holds it above, or leave it out (it stays empty).</source>
        <translation>この表は取り込みません。上で該当するシートを選ぶか、そのままにしてください（空のままになります）。</translation>
    </message>
    <message>
        <source>Template column</source>
        <translation>テンプレートの列</translation>
    </message>
    <message>
        <source>Source column</source>
        <translation>取り込み元の列</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>係数</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>{description} (required)</source>
        <translation>{description}（必須）</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>－ なし －</translation>
    </message>
    <message>
        <source>{header} (not in the sheet)</source>
        <translation>{header}（シートにありません）</translation>
    </message>
    <message>
        <source>Each number is multiplied by this factor: 0.01 for percent numbers (55 → 0.55), 0.001 for prices per 1,000 units or grams to kilograms.</source>
        <translation>各数値にこの係数を掛けます。パーセント表記の数値は 0.01（55 → 0.55）、1,000 個あたりの価格やグラムからキログラムへの換算は 0.001 です。</translation>
    </message>
    <message>
        <source>Values the export does not hold, typed as in the template's Settings sheet (blank: the default shown). The currency is the project's: prices in another currency need its rate in Rates.</source>
        <translation>エクスポートにない値を、テンプレートの「設定」シートと同じ形式で入力します（空欄の場合は表示されている既定値）。通貨はプロジェクトの通貨です。他の通貨の価格には「為替レート」にそのレートが必要です。</translation>
    </message>
    <message>
        <source>today</source>
        <translation>本日</translation>
    </message>
    <message>
        <source>{heading} ({key})</source>
        <translation>{heading}（{key}）</translation>
    </message>
    <message>
        <source>required: pick a column</source>
        <translation>必須：列を選択</translation>
    </message>
    <message>
        <source>your choice</source>
        <translation>指定済み</translation>
    </message>
    <message>
        <source>as last time</source>
        <translation>前回と同じ</translation>
    </message>
    <message>
        <source>The mapping remembered for this layout of export.</source>
        <translation>このレイアウトのエクスポート用に記憶されたマッピングです。</translation>
    </message>
    <message>
        <source>Guessed from the header {header} (column {letter}); a score of {score} of 1.</source>
        <translation>見出し {header}（{letter} 列）から推定しました。一致度は {score}（最大 1）です。</translation>
    </message>
    <message>
        <source>known header: {header}</source>
        <translation>既知の見出し: {header}</translation>
    </message>
    <message>
        <source>like {header} ({score})</source>
        <translation>{header} に類似（{score}）</translation>
    </message>
    <message>
        <source>Tick at least one table to replace.</source>
        <translation>置き換える表を 1 つ以上選択してください。</translation>
    </message>
    <message numerus="yes">
        <source>{count} problem(s), each at its sheet and cell of the export: nothing is imported until they are fixed here (or in the export). Click one to see it in the preview.</source>
        <translation>
            <numerusform>問題が {count} 件あります（エクスポートのシートとセルを表示）。この画面（またはエクスポート）で修正するまで何も取り込まれません。クリックするとプレビューに表示されます。</numerusform></translation>
    </message>
    <message>
        <source>Ready to import: {counts}. The project's data is replaced; Undo brings it back.</source>
        <translation>取り込みの準備ができました: {counts}。プロジェクトのデータは置き換えられます。「元に戻す」で元に戻せます。</translation>
    </message>
    <message>
        <source>Ready to refresh: {counts}. The other tables stay as they are; Undo brings last month back.</source>
        <translation>更新の準備ができました: {counts}。他の表はそのままです。「元に戻す」で先月の状態に戻ります。</translation>
    </message>
    <message>
        <source>Mapping (*.json)</source>
        <translation>マッピング (*.json)</translation>
    </message>
    <message>
        <source>Save mapping</source>
        <translation>マッピングを保存</translation>
    </message>
    <message>
        <source>Open mapping</source>
        <translation>マッピングを開く</translation>
    </message>
    <message>
        <source>Mapping not saved</source>
        <translation>マッピングを保存できませんでした</translation>
    </message>
    <message>
        <source>Saved the mapping as {file}.</source>
        <translation>マッピングを {file} に保存しました。</translation>
    </message>
    <message>
        <source>Cannot open {file}</source>
        <translation>{file} を開けません</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; mapped with {mapping}. Check it and import.</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; に {mapping} のマッピングを適用しました。確認してから取り込んでください。</translation>
    </message>
</context>
<context>
    <name>MappingPreview</name>
    <message>
        <source>&lt;b&gt;{table}&lt;/b&gt; as they will be imported.</source>
        <translation>取り込まれる&lt;b&gt;{table}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>設定項目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>{table} is not imported.</source>
        <translation>{table} は取り込みません。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{table}&lt;/b&gt; as it will be imported: rows {first}–{last} of {count} (row numbers are the export's).</source>
        <translation>取り込まれる&lt;b&gt;{table}&lt;/b&gt;：{count} 行のうち {first}～{last} 行目（行番号はエクスポートのもの）</translation>
    </message>
    <message>
        <source>The export has no sheet {sheet}.</source>
        <translation>エクスポートにシート {sheet} がありません。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{table}&lt;/b&gt; from sheet {sheet}, as written in the export (it cannot be imported yet): rows {first}–{last}.</source>
        <translation>シート {sheet} の&lt;b&gt;{table}&lt;/b&gt;（エクスポートのまま。まだ取り込めません）：{first}～{last} 行目</translation>
    </message>
    <message>
        <source>From the column {header} of the export.</source>
        <translation>エクスポートの列 {header} から取り込みます。</translation>
    </message>
</context>
<context>
    <name>MaterialsPage</name>
    <message>
        <source>Days of cover and exposure</source>
        <translation>在庫日数と供給リスク</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>在庫</translation>
    </message>
    <message>
        <source>On hand, safety stock and an item's own target days (blank: the project's target).</source>
        <translation>手持在庫、安全在庫、品目ごとの目標在庫日数（空欄の場合はプロジェクトの目標在庫日数）。</translation>
    </message>
</context>
<context>
    <name>MixChart</name>
    <message>
        <source>today's mix</source>
        <translation>現状の構成</translation>
    </message>
    <message>
        <source>with the plan</source>
        <translation>計画後の構成</translation>
    </message>
    <message>
        <source>share of purchase value by origin country</source>
        <translation>原産国別の購入額比率</translation>
    </message>
</context>
<context>
    <name>MixModel</name>
    <message>
        <source>Declared</source>
        <translation>申告ベース</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>実質ベース</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原産国</translation>
    </message>
    <message>
        <source>World</source>
        <translation>世界シェア</translation>
    </message>
    <message>
        <source>The origin country (its code in the cell's tooltip)</source>
        <translation>原産国（セルのツールチップに国コード）</translation>
    </message>
    <message>
        <source>Its share of the commodity's purchase value, by the origins your Sources sheet gives</source>
        <translation>調達先シートに記入された原産国による、その鉱種の購入額に占める比率</translation>
    </message>
    <message>
        <source>Its share once unknown origins are spread over the world's producers (an estimate)</source>
        <translation>不明な原産国を世界の生産国に按分した後の比率（推定）</translation>
    </message>
    <message>
        <source>Its share of world production, which the effective mix is estimated from</source>
        <translation>実質ベースの推定に用いた、世界の生産に占める比率</translation>
    </message>
    <message>
        <source>No known origin</source>
        <translation>原産国不明</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>{title} failed</source>
        <translation>失敗しました：{title}</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルしました</translation>
    </message>
</context>
<context>
    <name>OriginContentPanel</name>
    <message>
        <source>An estimate for screening, not a legal determination: origins you do not know are spread over the world's producers of each material's commodity.</source>
        <translation>審査用の推定であり、法的な判定ではありません。不明な原産国は、各材料の鉱種の世界の生産国に按分しています。</translation>
    </message>
    <message>
        <source>Origin content: select a product</source>
        <translation>原産国含有：製品を選択してください</translation>
    </message>
    <message>
        <source>Origin content of {item} {name}, per unit</source>
        <translation>{item} {name} の原産国含有（1 単位あたり）</translation>
    </message>
    <message>
        <source>{country} content: no material value to weigh (add unit prices to the sources).</source>
        <translation>{country} の含有：材料価値がないため算出できません（調達先に単価を入力してください）。</translation>
    </message>
    <message>
        <source>Flagged: {country} content {share} of the material value ({value} per unit), above the {threshold} threshold.</source>
        <translation>要確認：{country} の含有率は材料価値の {share}（1 単位あたり {value}）で、基準値 {threshold} を超えています。</translation>
    </message>
    <message>
        <source>Not flagged: {country} content {share} of the material value ({value} per unit), at or below the {threshold} threshold.</source>
        <translation>該当なし：{country} の含有率は材料価値の {share}（1 単位あたり {value}）で、基準値 {threshold} 以下です。</translation>
    </message>
    <message>
        <source>no known origin</source>
        <translation>原産国不明</translation>
    </message>
</context>
<context>
    <name>PageSpec</name>
    <message>
        <source>Suppliers</source>
        <translation>仕入先</translation>
    </message>
    <message>
        <source>Who you buy from, and the country they sell from (ISO code such as CN, DE, JP). Kind: producer, or trader for a trading house that sells what others mined or refined.</source>
        <translation>購入先と、その出荷元の国（CN、DE、JP などの ISO コード）。区分：メーカー、または他社が採掘・精錬したものを販売する商社。</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>発注残</translation>
    </message>
    <message>
        <source>Open purchase orders: those due within the horizon count towards days of cover with orders.</source>
        <translation>未入荷の発注です。計画期間内に納期を迎えるものは、発注残込み在庫日数に含めます。</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>Products &amp; BOM</source>
        <translation>製品・部品表</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>需要予測</translation>
    </message>
    <message>
        <source>Materials &amp; stock</source>
        <translation>材料・在庫</translation>
    </message>
    <message>
        <source>Sourcing mix</source>
        <translation>調達先</translation>
    </message>
    <message>
        <source>Procurement plan</source>
        <translation>調達計画</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>World supply</source>
        <translation>世界の供給</translation>
    </message>
    <message>
        <source>Stockpile</source>
        <translation>備蓄</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>前回からの変更</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>Item</source>
        <translation>品目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Order by</source>
        <translation>発注期限</translation>
    </message>
    <message>
        <source>Lead time before stock falls to its target</source>
        <translation>在庫が目標水準を下回る日から、リードタイム分さかのぼった日</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>対応</translation>
    </message>
    <message>
        <source>order now: the order-by date is today or has passed</source>
        <translation>今すぐ発注：発注期限が今日か、すでに過ぎています</translation>
    </message>
    <message>
        <source>Days late</source>
        <translation>遅延日数</translation>
    </message>
    <message>
        <source>Days since the order-by date passed</source>
        <translation>発注期限を過ぎてからの日数</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>仕入先</translation>
    </message>
    <message>
        <source>Supplier name</source>
        <translation>仕入先名</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原産国</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>単位</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>単価</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Lead time (d)</source>
        <translation>リードタイム（日）</translation>
    </message>
    <message>
        <source>Expected arrival</source>
        <translation>入荷予定日</translation>
    </message>
    <message>
        <source>Stock runs out</source>
        <translation>欠品予定日</translation>
    </message>
    <message>
        <source>The day stock runs out without new orders (on hand and open orders)</source>
        <translation>新たに発注しない場合に在庫が尽きる日（手持在庫と発注残を含む）</translation>
    </message>
    <message>
        <source>Days without stock</source>
        <translation>欠品日数</translation>
    </message>
    <message>
        <source>Days from the stock running out to this order's arrival</source>
        <translation>在庫が尽きてから、この発注が入荷するまでの日数</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>What to watch for on this line, such as stock running out before the order can arrive.</source>
        <translation>この明細で注意すべき点（入荷前に在庫が尽きるなど）です。</translation>
    </message>
    <message>
        <source>after</source>
        <translation>計画後</translation>
    </message>
    <message>
        <source>Net need</source>
        <translation>正味所要量</translation>
    </message>
    <message>
        <source>daily use × (horizon + target days) + safety stock − on hand − open orders</source>
        <translation>日次使用量 ×（計画期間 + 目標在庫日数）+ 安全在庫 − 手持在庫 − 発注残</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>計画数量</translation>
    </message>
    <message>
        <source>Not coverable</source>
        <translation>調達不能量</translation>
    </message>
    <message>
        <source>Need beyond what the sources can deliver</source>
        <translation>調達先から供給できる量を超える所要量</translation>
    </message>
    <message>
        <source>Cover before</source>
        <translation>計画前在庫日数</translation>
    </message>
    <message>
        <source>Cover after</source>
        <translation>計画後在庫日数</translation>
    </message>
    <message>
        <source>Top supplier before</source>
        <translation>最大仕入先比率（計画前）</translation>
    </message>
    <message>
        <source>Top origin</source>
        <translation>最大原産国</translation>
    </message>
    <message>
        <source>Origin share before</source>
        <translation>原産国比率（計画前）</translation>
    </message>
    <message>
        <source>Supplier HHI before</source>
        <translation>仕入先 HHI（計画前）</translation>
    </message>
    <message>
        <source>Still over a cap</source>
        <translation>上限超過あり</translation>
    </message>
    <message>
        <source>The mix after the plan is still over a cap, with an order or without</source>
        <translation>計画後も調達構成が上限を超えています（発注の有無を問わず）</translation>
    </message>
    <message>
        <source>More concentrated than today</source>
        <translation>現状より集中</translation>
    </message>
    <message>
        <source>The plan could not keep the mix as spread as today's: see why</source>
        <translation>計画で調達構成を現状ほど分散させられませんでした。理由を確認してください</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Why the plan orders what it does.</source>
        <translation>計画がこの発注内容になった理由です。</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明細数</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Share of spend</source>
        <translation>購入額比率</translation>
    </message>
    <message>
        <source>Origin country</source>
        <translation>原産国</translation>
    </message>
    <message>
        <source>Dependence before</source>
        <translation>依存度（計画前）</translation>
    </message>
    <message>
        <source>Share of purchase value by origin country with today's mix</source>
        <translation>現状の調達構成での、原産国別の購入額比率</translation>
    </message>
    <message>
        <source>… with the planned mix</source>
        <translation>…計画後の調達構成での比率</translation>
    </message>
    <message>
        <source>{title} ({currency})</source>
        <translation>{title}（{currency}）</translation>
    </message>
    <message>
        <source>Reduce dependence</source>
        <translation>分散重視</translation>
    </message>
    <message>
        <source>The cheapest plan whose largest supplier and origin country shares are no larger than today's, and where a country restricting exports gets no more.</source>
        <translation>仕入先と原産国の最大比率が現状を超えず、輸出規制を行う国からの調達も増やさない計画のうち、最も安いものです。</translation>
    </message>
    <message>
        <source>Cheapest under the caps</source>
        <translation>上限内で最安</translation>
    </message>
    <message>
        <source>The cheapest plan that keeps every supplier and origin country under its cap.</source>
        <translation>すべての仕入先と原産国を上限比率内に収める計画のうち、最も安いものです。</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>計画期間</translation>
    </message>
    <message>
        <source>Horizon: the days ahead the plan covers; open orders due within it count</source>
        <translation>計画期間：計画の対象とする日数です。この期間内に納期を迎える発注残を含めます</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>Target cover</source>
        <translation>目標在庫日数</translation>
    </message>
    <message>
        <source>Target cover: the days of use the stock should last after the plan</source>
        <translation>目標在庫日数：計画後の在庫でまかなうべき使用日数です</translation>
    </message>
    <message>
        <source>Supplier cap</source>
        <translation>仕入先別上限</translation>
    </message>
    <message>
        <source>Max supplier share: the largest share of a material's supply one supplier may have</source>
        <translation>仕入先別上限比率：1 社の仕入先が材料の供給に占めてよい最大の比率です</translation>
    </message>
    <message>
        <source>Country cap</source>
        <translation>国別上限</translation>
    </message>
    <message>
        <source>Max country share: the largest share of a material's supply one origin country may have</source>
        <translation>国別上限比率：1 つの原産国が材料の供給に占めてよい最大の比率です</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Project settings</source>
        <translation>設定値に戻す</translation>
    </message>
    <message>
        <source>Reset the parameters to the project's settings</source>
        <translation>パラメーターをプロジェクトの設定値に戻します</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>Excel に書き出し…</translation>
    </message>
    <message>
        <source>Export requests for quotation…</source>
        <translation>見積依頼書を書き出し…</translation>
    </message>
    <message>
        <source>Write one workbook per supplier into a folder, listing what to ask of that supplier, ready to send.</source>
        <translation>仕入先ごとに 1 つのブックをフォルダーに書き出します。各仕入先への依頼内容をまとめてあり、そのまま送付できます。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>planned spend</source>
        <translation>計画購入額</translation>
    </message>
    <message>
        <source>order lines</source>
        <translation>発注明細</translation>
    </message>
    <message>
        <source>orders late: order today</source>
        <translation>遅延中（今すぐ発注）</translation>
    </message>
    <message>
        <source>materials over a cap after the plan</source>
        <translation>計画後も上限超過</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>発注明細</translation>
    </message>
    <message>
        <source>Per material</source>
        <translation>材料別</translation>
    </message>
    <message>
        <source>Per supplier</source>
        <translation>仕入先別</translation>
    </message>
    <message>
        <source>Per origin country</source>
        <translation>原産国別</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>仕入先</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Country dependence by value</source>
        <translation>購入額ベースの国別依存度</translation>
    </message>
    <message>
        <source>Each origin country's share of purchase value: today's mix and the mix with the plan, against the country cap.</source>
        <translation>原産国ごとの購入額比率です。現状の構成と計画後の構成を、国別上限と比べて表示します。</translation>
    </message>
    <message>
        <source>Show the cost of reducing dependence</source>
        <translation>依存度削減コストを表示</translation>
    </message>
    <message>
        <source>Plan the project at country caps from the current cap down to 30% and draw each plan's cost against the largest origin country's share.</source>
        <translation>国別上限を現在の値から 30% まで下げながら計画を作成し、各計画の金額を最大原産国の比率に対して描きます。</translation>
    </message>
    <message>
        <source>Procurement plan</source>
        <translation>調達計画</translation>
    </message>
    <message>
        <source>What to buy, from whom and by when to reach the stockpile target while keeping every supplier and origin country under its cap and, to reduce dependence, no more concentrated than today.</source>
        <translation>備蓄目標を達成するために、何を、どの仕入先から、いつまでに購入するかを示します。すべての仕入先と原産国を上限比率内に収め、依存度を下げるため現状より集中させません。</translation>
    </message>
    <message>
        <source>The plan needs a project without problems: see the Problems panel.</source>
        <translation>計画を作成するには、プロジェクトの問題を解消する必要があります。「問題」パネルを確認してください。</translation>
    </message>
    <message>
        <source>Making the plan…</source>
        <translation>計画を作成中…</translation>
    </message>
    <message>
        <source>No plan: {error}</source>
        <translation>計画を作成できません：{error}</translation>
    </message>
    <message>
        <source>Plan cancelled: change a parameter or show the page again to make it.</source>
        <translation>計画の作成をキャンセルしました。パラメーターを変更するか、このページをもう一度表示すると作成します。</translation>
    </message>
    <message>
        <source>Total: {cost} for {lines} order lines, {late} of them late and {uncovered} arriving after the stock runs out.</source>
        <translation>合計：{cost}（発注明細 {lines} 件、うち遅延 {late} 件、欠品後の入荷 {uncovered} 件）</translation>
    </message>
    <message>
        <source>Plan as of {date} for a {horizon}-day horizon and {target} days of target cover, caps {supplier} per supplier and {country} per origin country, objective “{objective}”; solved in {ms} ms.</source>
        <translation>{date} 時点の計画：計画期間 {horizon} 日、目標在庫日数 {target} 日、上限比率は仕入先別 {supplier}・国別 {country}、目的「{objective}」（計算時間 {ms} ms）</translation>
    </message>
    <message>
        <source>Export procurement plan</source>
        <translation>調達計画の書き出し</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>Folder for the requests for quotation</source>
        <translation>見積依頼書の保存先フォルダー</translation>
    </message>
    <message>
        <source>Wrote {count} requests for quotation to {folder}</source>
        <translation>見積依頼書 {count} 件を {folder} に書き出しました</translation>
    </message>
    <message>
        <source>Exported the plan to {file}</source>
        <translation>計画を {file} に書き出しました</translation>
    </message>
    <message>
        <source>Plan not exported</source>
        <translation>計画を書き出せませんでした</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written</source>
        <translation>書き出しをキャンセルしました。ファイルは作成されていません</translation>
    </message>
    <message>
        <source>The frontier needs a project without problems: see the Problems panel.</source>
        <translation>依存度削減コストを計算するには、プロジェクトの問題を解消する必要があります。「問題」パネルを確認してください。</translation>
    </message>
    <message>
        <source>Planning at each country cap…</source>
        <translation>国別上限ごとに計画を作成中…</translation>
    </message>
    <message>
        <source>Each point is the cheapest plan at one country cap, from {high} down to {low}.</source>
        <translation>各点は、国別上限ごとの最も安い計画です（{high} から {low} まで）。</translation>
    </message>
    <message>
        <source>No frontier: {error}</source>
        <translation>依存度削減コストを計算できません：{error}</translation>
    </message>
    <message>
        <source>Frontier cancelled.</source>
        <translation>依存度削減コストの計算をキャンセルしました。</translation>
    </message>
</context>
<context>
    <name>ProjectTableModel</name>
    <message>
        <source>Name</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Supplier name</source>
        <translation>仕入先名</translation>
    </message>
    <message>
        <source>Parent name</source>
        <translation>親品目名</translation>
    </message>
    <message>
        <source>Child name</source>
        <translation>子品目名</translation>
    </message>
    <message>
        <source>Alternate's name</source>
        <translation>代替品名</translation>
    </message>
    <message>
        <source>{tip} (required)</source>
        <translation>{tip}（必須）</translation>
    </message>
    <message>
        <source>A new row: it was not there {what}.</source>
        <translation>新しい行です（{what}にはありませんでした）。</translation>
    </message>
    <message>
        <source>Was: {value}</source>
        <translation>変更前: {value}</translation>
    </message>
</context>
<context>
    <name>RefusedChanges</name>
    <message>
        <source>Apply my change again</source>
        <translation>自分の変更を再適用</translation>
    </message>
    <message>
        <source>The row of this change was removed by {user}; there is nothing to apply it to.</source>
        <translation>この変更の対象行は {user} が削除したため、適用できません。</translation>
    </message>
    <message>
        <source>Your change was applied again.</source>
        <translation>自分の変更を再適用しました。</translation>
    </message>
</context>
<context>
    <name>RefusedPanel</name>
    <message>
        <source>Refused Changes</source>
        <translation>反映されなかった変更</translation>
    </message>
    <message>
        <source>Someone changed these rows before your change reached the server. The table shows their values; yours are kept here.</source>
        <translation>あなたの変更がサーバーに届く前に、他のユーザーがこれらの行を変更しました。表には相手の値を表示し、あなたの入力内容はここに残してあります。</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>シート</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>自分の値</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>相手の値</translation>
    </message>
    <message>
        <source>By</source>
        <translation>変更者</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Apply Mine Again</source>
        <translation>自分の値を再適用</translation>
    </message>
    <message>
        <source>Make your change again, on top of theirs</source>
        <translation>相手の変更の上から、自分の変更をもう一度行います</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>破棄</translation>
    </message>
    <message>
        <source>Keep their value and forget yours</source>
        <translation>相手の値を残し、自分の値は破棄します</translation>
    </message>
    <message>
        <source>(whole row)</source>
        <translation>（行全体）</translation>
    </message>
    <message>
        <source>(remove the row)</source>
        <translation>（行を削除）</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>（削除済み）</translation>
    </message>
</context>
<context>
    <name>RemoveRows</name>
    <message>
        <source>Delete 1 row</source>
        <translation>1 行の削除</translation>
    </message>
    <message>
        <source>Delete {count} rows</source>
        <translation>{count} 行の削除</translation>
    </message>
</context>
<context>
    <name>ReplaceProject</name>
    <message>
        <source>Import</source>
        <translation>取り込み</translation>
    </message>
</context>
<context>
    <name>RequirementChart</name>
    <message>
        <source>Monthly requirement against stock</source>
        <translation>月別所要量と在庫</translation>
    </message>
    <message>
        <source>Bars: the item's requirement in each month (its own demand and what its parents need through the BOM). Lines: its stock on hand at the end of each month, without and with open orders.</source>
        <translation>棒：各月の所要量（品目自身の需要と、部品表を通じた親品目の所要量）。線：各月末の手持在庫（発注残を含まない場合と含む場合）。</translation>
    </message>
    <message>
        <source>requirement</source>
        <translation>所要量</translation>
    </message>
    <message>
        <source>stock on hand</source>
        <translation>手持在庫</translation>
    </message>
    <message>
        <source>with open orders</source>
        <translation>発注残込み</translation>
    </message>
    <message>
        <source>{unit} per month</source>
        <translation>{unit}／月</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>月あたり</translation>
    </message>
</context>
<context>
    <name>ScenarioPage</name>
    <message>
        <source>first stock-out</source>
        <translation>最初の欠品日</translation>
    </message>
    <message>
        <source>materials run out</source>
        <translation>欠品する材料</translation>
    </message>
    <message>
        <source>products stop</source>
        <translation>生産停止する製品</translation>
    </message>
    <message>
        <source>units of products lost</source>
        <translation>製品の欠品数量</translation>
    </message>
    <message>
        <source>revenue at risk</source>
        <translation>影響売上高</translation>
    </message>
    <message>
        <source>extra cost of the price spike</source>
        <translation>価格高騰の追加コスト</translation>
    </message>
    <message>
        <source>avoided by stock</source>
        <translation>在庫による回避額</translation>
    </message>
    <message>
        <source>avoided by orders</source>
        <translation>発注残による回避額</translation>
    </message>
    <message>
        <source>net extra cost</source>
        <translation>正味追加コスト</translation>
    </message>
    <message>
        <source>plan extra cost</source>
        <translation>調達計画の追加コスト</translation>
    </message>
    <message>
        <source>Materials hit</source>
        <translation>影響を受ける材料</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>Risk ranking</source>
        <translation>リスク順位</translation>
    </message>
    <message>
        <source>Price spike</source>
        <translation>価格高騰</translation>
    </message>
    <message>
        <source>Alternates</source>
        <translation>代替品</translation>
    </message>
    <message>
        <source>Choose a stop and press Run</source>
        <translation>途絶させる対象を選んで［実行］を押してください</translation>
    </message>
    <message>
        <source>See how long each material lasts when a country or a supplier stops delivering, what runs out first and which products stop.</source>
        <translation>国や仕入先からの供給が止まったとき、各材料の在庫が何日もつか、どの材料が最初に欠品し、どの製品の生産が止まるかを確認できます。</translation>
    </message>
    <message>
        <source>Rank all suppliers and countries</source>
        <translation>全仕入先・全原産国の順位付け</translation>
    </message>
    <message>
        <source>The figures cannot be computed</source>
        <translation>数値を計算できません</translation>
    </message>
    <message>
        <source>Fix the problems marked in the tables; the scenario comes back by itself.</source>
        <translation>表で示された問題を修正してください。修正するとシナリオは自動的に再表示されます。</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>数値を計算しています…</translation>
    </message>
    <message>
        <source>The scenario runs as soon as they are ready.</source>
        <translation>計算が終わり次第、シナリオを実行します。</translation>
    </message>
    <message>
        <source>Stopping every supplier and country in turn…</source>
        <translation>仕入先と原産国を順に途絶させています…</translation>
    </message>
    <message>
        <source>Ranking every supplier and origin country…</source>
        <translation>すべての仕入先と原産国を順位付けしています…</translation>
    </message>
    <message>
        <source>{name}: {days} days, {cut} cut from {date}</source>
        <translation>{name}（{date} から {days} 日間、{cut} 削減）</translation>
    </message>
    <message>
        <source>{name}: {days} days from {date}</source>
        <translation>{name}（{date} から {days} 日間）</translation>
    </message>
    <message>
        <source>{what} stopped for {days} days, {cut} cut from {date}</source>
        <translation>{what} からの供給を {date} から {days} 日間 {cut} 削減</translation>
    </message>
    <message>
        <source>{what} stopped for {days} days from {date}</source>
        <translation>{what} からの供給を {date} から {days} 日間停止</translation>
    </message>
    <message>
        <source>Materials hit ({count})</source>
        <translation>影響を受ける材料 ({count})</translation>
    </message>
    <message>
        <source>Materials: {count} hit, {extra} used by alternates</source>
        <translation>材料 (影響 {count}、代替で使用 {extra})</translation>
    </message>
    <message>
        <source>Products ({count})</source>
        <translation>製品 ({count})</translation>
    </message>
    <message>
        <source>The stop hits nothing</source>
        <translation>この途絶の影響を受ける材料はありません</translation>
    </message>
    <message>
        <source>No source of this project comes from this stop. Choose another country, supplier or preset.</source>
        <translation>このプロジェクトには、途絶の対象となる調達先がありません。別の国、仕入先またはプリセットを選んでください。</translation>
    </message>
    <message numerus="yes">
        <source>%n more alternate(s) in the Alternates tab.</source>
        <translation>
            <numerusform>ほか %n 件の代替品は「代替品」タブに表示しています。</numerusform></translation>
    </message>
    <message>
        <source>Alternates ({count})</source>
        <translation>代替品 ({count})</translation>
    </message>
    <message>
        <source>Licence review: from day {day}, {approved} of the cut deliveries resume.</source>
        <translation>輸出許可審査：{day} 日目から途絶分の {approved} が再開します。</translation>
    </message>
    <message>
        <source>Price spike on {target}: {factor} times the price for {days} days, on the stopped sources only</source>
        <translation>{target} の価格高騰：{days} 日間、途絶した調達先のみ価格が {factor} 倍</translation>
    </message>
    <message>
        <source>Price spike on {target}: {factor} times the price for {days} days</source>
        <translation>{target} の価格高騰：{days} 日間、価格が {factor} 倍</translation>
    </message>
    <message>
        <source>{name} (commodity)</source>
        <translation>{name}（鉱種）</translation>
    </message>
    <message>
        <source>{name} (category)</source>
        <translation>{name}（分類）</translation>
    </message>
    <message>
        <source>The price spike hits no purchased material of this project.</source>
        <translation>この価格高騰の対象となる購入材料は、このプロジェクトにありません。</translation>
    </message>
    <message>
        <source>Extra cost {extra}; the stock on hand avoids {stock} and the open orders {orders}, leaving {net}.</source>
        <translation>追加コストは {extra} です。手持在庫で {stock}、発注残で {orders} を回避でき、残りは {net} です。</translation>
    </message>
    <message>
        <source>The procurement plan's lines ordered within the spike cost {extra} more.</source>
        <translation>高騰期間中に発注する調達計画の明細は、{extra} 割高になります。</translation>
    </message>
    <message>
        <source>No procurement plan could be made: its extra cost is not counted.</source>
        <translation>調達計画を作成できなかったため、その追加コストは含めていません。</translation>
    </message>
    <message>
        <source>Buying the requirement of the spike's days at the raised price rather than today's.</source>
        <translation>価格高騰の期間の所要量を、現在の価格ではなく高い価格で購入する場合の差額です。</translation>
    </message>
    <message>
        <source>The stock on hand, bought at the old price, is used first.</source>
        <translation>旧価格で購入済みの手持在庫を先に使います。</translation>
    </message>
    <message>
        <source>The open orders due within the spike were bought at the old price.</source>
        <translation>高騰期間中に納期を迎える発注残は、旧価格で購入済みです。</translation>
    </message>
    <message>
        <source>The extra cost less what the stock and the open orders avoid.</source>
        <translation>追加コストから、在庫と発注残による回避額を差し引いた額です。</translation>
    </message>
    <message>
        <source>The procurement plan's lines ordered within the spike, bought at the raised price.</source>
        <translation>高騰期間中に発注する調達計画の明細を、高い価格で購入する場合の追加コストです。</translation>
    </message>
    <message>
        <source>Price spike ({count})</source>
        <translation>価格高騰 ({count})</translation>
    </message>
    <message numerus="yes">
        <source>Look-through: part of the hit on {count} of the %n material(s) comes from origins you do not know, spread over the world's producers; the most is {share} of the supply of {name}. An estimate.</source>
        <translation>
            <numerusform>ルックスルー：影響を受ける %n 件の材料のうち {count} 件は、影響の一部が不明な原産国を世界の生産国に按分した分です。最大は {name} の調達の {share} です。推定値です。</numerusform></translation>
    </message>
    <message>
        <source>No material runs out within the {days} days.</source>
        <translation>{days} 日以内に欠品する材料はありません。</translation>
    </message>
    <message>
        <source>first stock-out
every material lasts</source>
        <translation>最初の欠品日
すべての材料が持ちこたえる</translation>
    </message>
    <message>
        <source>{name} ({id}) runs out on {day}, {date}.</source>
        <translation>{name} ({id}) は {day}（{date}）に欠品します。</translation>
    </message>
    <message>
        <source>first stock-out, {date}
{name}</source>
        <translation>最初の欠品日（{date}）
{name}</translation>
    </message>
    <message>
        <source>Hit materials whose stock reaches zero within the stop, of all the materials it hits.</source>
        <translation>途絶の影響を受ける材料のうち、途絶期間中に在庫がゼロになる材料の数です。</translation>
    </message>
    <message>
        <source>Products that can no longer be made within the stop, of those using a hit material (their stock and the intermediate stock on the BOM path counted).</source>
        <translation>影響を受ける材料を使う製品のうち、途絶期間中に生産できなくなる製品の数です（製品在庫と部品表経路上の中間在庫を考慮）。</translation>
    </message>
    <message>
        <source>Daily demand × outage days, summed over the products.</source>
        <translation>日次需要 × 欠品日数を製品ごとに合計した値です。</translation>
    </message>
    <message>
        <source>Units lost × unit price, summed over the products.</source>
        <translation>欠品数量 × 単価を製品ごとに合計した値です。</translation>
    </message>
    <message>
        <source>of {n}</source>
        <translation>/ {n}</translation>
    </message>
    <message>
        <source>The scenario cannot be run</source>
        <translation>シナリオを実行できません</translation>
    </message>
    <message>
        <source>Risk ranking ({count})</source>
        <translation>リスク順位 ({count})</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>under 0.1 s</source>
        <translation>0.1 秒未満</translation>
    </message>
    <message>
        <source>Ranked {count} stops in {took}</source>
        <translation>{count} 件の途絶を {took}で順位付けしました</translation>
    </message>
    <message>
        <source>Each supplier and each origin country is stopped in turn for its time to recover (a blank counts the horizon, {horizon} days) and ranked by revenue at risk. The risk exposure index is its revenue at risk ÷ the largest; a high index with a low spend share is a hidden single point of failure.</source>
        <translation>各仕入先・各原産国からの供給を、それぞれの復旧日数（TTR。空欄は計画期間の {horizon} 日）の間、順に止め、影響売上高の大きい順に並べます。供給リスク指数は影響売上高を最大値で割った値です。購入額比率が低いのに指数が高い対象は、見落としやすい単一障害点です。</translation>
    </message>
    <message>
        <source>The project changed: rank again</source>
        <translation>プロジェクトが変更されました。もう一度順位付けしてください</translation>
    </message>
    <message>
        <source>Double-click a stop to see it above</source>
        <translation>行をダブルクリックすると上に表示します</translation>
    </message>
</context>
<context>
    <name>ScenarioTables</name>
    <message>
        <source>Item</source>
        <translation>品目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>単位</translation>
    </message>
    <message>
        <source>Hit share</source>
        <translation>影響比率</translation>
    </message>
    <message>
        <source>Used by alternates</source>
        <translation>代替品での使用量</translation>
    </message>
    <message>
        <source>What the alternates switched to consumed of it during the stop, in the material's unit</source>
        <translation>供給途絶中に、切り替えた代替品が消費した量（材料の単位）</translation>
    </message>
    <message>
        <source>Share of its supply the stop hits; "used by alternate": the stop does not hit it, an alternate used it</source>
        <translation>供給のうち途絶の影響を受ける比率。「代替で使用」は、途絶の影響はないものの代替品が使用した材料です</translation>
    </message>
    <message>
        <source>Share of its supply the stop hits</source>
        <translation>供給のうち途絶の影響を受ける比率</translation>
    </message>
    <message>
        <source>Of which via look-through</source>
        <translation>うちルックスルー分</translation>
    </message>
    <message>
        <source>The part of the hit share found by look-through: supply of unknown origin spread over the world's producers (an estimate)</source>
        <translation>影響比率のうちルックスルーで判明した分。原産国不明の調達分を世界の生産国に按分したものです（推定）</translation>
    </message>
    <message>
        <source>TTS (day)</source>
        <translation>TTS（日目）</translation>
    </message>
    <message>
        <source>Time to survive: the day the stock runs out; "lasts" when it lasts the stop</source>
        <translation>耐久日数（TTS）：在庫が尽きる日。途絶期間中もつ場合は「持ちこたえる」</translation>
    </message>
    <message>
        <source>TTR (days)</source>
        <translation>TTR（日）</translation>
    </message>
    <message>
        <source>Time to recover of the hit sources (blank in Sources: the stop's length)</source>
        <translation>影響を受ける調達先の復旧日数（TTR）。調達先シートで空欄の場合は途絶期間</translation>
    </message>
    <message>
        <source>Gap (days)</source>
        <translation>不足日数</translation>
    </message>
    <message>
        <source>TTR − TTS where positive</source>
        <translation>TTR − TTS（正の場合）</translation>
    </message>
    <message>
        <source>Strategic stock</source>
        <translation>戦略在庫</translation>
    </message>
    <message>
        <source>Extra stock that would close the gap: gap × daily use × hit share × cut</source>
        <translation>不足日数を埋めるのに必要な追加在庫：不足日数 × 日次使用量 × 影響比率 × 削減率</translation>
    </message>
    <message>
        <source>Strategic stock ({currency})</source>
        <translation>戦略在庫（{currency}）</translation>
    </message>
    <message>
        <source>Shortfall</source>
        <translation>不足量</translation>
    </message>
    <message>
        <source>Requirement not met during the stop, in the material's unit</source>
        <translation>途絶期間中に満たせない所要量（材料の単位）</translation>
    </message>
    <message>
        <source>Shortfall ({currency})</source>
        <translation>不足額（{currency}）</translation>
    </message>
    <message>
        <source>Outage (days)</source>
        <translation>欠品日数</translation>
    </message>
    <message>
        <source>Shortfall ÷ daily use</source>
        <translation>不足量 ÷ 日次使用量</translation>
    </message>
    <message>
        <source>Orders lost</source>
        <translation>入荷しない発注残</translation>
    </message>
    <message>
        <source>Open orders from the hit sources due within the stop, lost</source>
        <translation>影響を受ける調達先からの発注残のうち、途絶期間中に納期を迎えて入荷しない数量</translation>
    </message>
    <message>
        <source>Orders arriving</source>
        <translation>入荷する発注残</translation>
    </message>
    <message>
        <source>Open orders that still arrive within the stop</source>
        <translation>途絶期間中も入荷する発注残</translation>
    </message>
    <message>
        <source>Use / day</source>
        <translation>日次使用量</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>手持在庫</translation>
    </message>
    <message>
        <source>Share bought dearer</source>
        <translation>高値購入比率</translation>
    </message>
    <message>
        <source>Share of the requirement bought at the raised price: all of it, or with a stop the stopped sources' share</source>
        <translation>所要量のうち高い価格で購入する比率（全量、または供給途絶とあわせた場合は途絶した調達先の比率）</translation>
    </message>
    <message>
        <source>Bought dearer</source>
        <translation>高値購入数量</translation>
    </message>
    <message>
        <source>The requirement over the spike's days × that share, in the material's unit</source>
        <translation>高騰期間の所要量 × その比率（材料の単位）</translation>
    </message>
    <message>
        <source>Price ({currency})</source>
        <translation>単価（{currency}）</translation>
    </message>
    <message>
        <source>Today's price per unit, the mean of the sources bought dearer</source>
        <translation>現在の単価（高値で購入する調達先の平均）</translation>
    </message>
    <message>
        <source>Extra cost ({currency})</source>
        <translation>追加コスト（{currency}）</translation>
    </message>
    <message>
        <source>Bought dearer × price × (factor − 1)</source>
        <translation>高値購入数量 × 単価 ×（倍率 − 1）</translation>
    </message>
    <message>
        <source>Avoided by stock ({currency})</source>
        <translation>在庫による回避額（{currency}）</translation>
    </message>
    <message>
        <source>The stock on hand, bought at the old price, used first</source>
        <translation>旧価格で購入済みの手持在庫（先に使用）</translation>
    </message>
    <message>
        <source>Avoided by orders ({currency})</source>
        <translation>発注残による回避額（{currency}）</translation>
    </message>
    <message>
        <source>The open orders due within the spike, bought at the old price</source>
        <translation>高騰期間中に納期を迎える発注残（旧価格で購入済み）</translation>
    </message>
    <message>
        <source>Net extra cost ({currency})</source>
        <translation>正味追加コスト（{currency}）</translation>
    </message>
    <message>
        <source>Extra cost less what the stock and the orders avoid</source>
        <translation>追加コスト − 在庫と発注残による回避額</translation>
    </message>
    <message>
        <source>Plan extra cost ({currency})</source>
        <translation>調達計画の追加コスト（{currency}）</translation>
    </message>
    <message>
        <source>The procurement plan's lines ordered within the spike, at the raised price</source>
        <translation>高騰期間中に発注する調達計画の明細の追加コスト</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>所要量</translation>
    </message>
    <message>
        <source>What is used over the spike's days, in the material's unit</source>
        <translation>高騰期間に使用する量（材料の単位）</translation>
    </message>
    <message>
        <source>Orders due</source>
        <translation>期間内の発注残</translation>
    </message>
    <message>
        <source>Open orders due within the spike from the sources bought dearer, less what a stop loses</source>
        <translation>高値で購入する調達先から高騰期間中に納入される発注残（供給途絶で失われる分を除く）</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>Stops (day)</source>
        <translation>生産停止（日目）</translation>
    </message>
    <message>
        <source>The day the product can no longer be made; "lasts" when it lasts the stop</source>
        <translation>製品を生産できなくなる日。途絶期間中もつ場合は「持ちこたえる」</translation>
    </message>
    <message>
        <source>Binding material</source>
        <translation>制約材料</translation>
    </message>
    <message>
        <source>The material that stops it longest</source>
        <translation>製品の生産を最も長く止める材料</translation>
    </message>
    <message>
        <source>Buffer (days)</source>
        <translation>緩衝日数</translation>
    </message>
    <message>
        <source>Days of cover held above the binding material on the BOM path</source>
        <translation>部品表経路上で制約材料より上位に持つ在庫の日数</translation>
    </message>
    <message>
        <source>Units lost</source>
        <translation>欠品数量</translation>
    </message>
    <message>
        <source>Daily demand × outage days</source>
        <translation>日次需要 × 欠品日数</translation>
    </message>
    <message>
        <source>Revenue at risk ({currency})</source>
        <translation>影響売上高（{currency}）</translation>
    </message>
    <message>
        <source>Units lost × unit price</source>
        <translation>欠品数量 × 単価</translation>
    </message>
    <message>
        <source>Alternate</source>
        <translation>代替品</translation>
    </message>
    <message>
        <source>The item that replaces it, from the Alternates table</source>
        <translation>代替品シートで指定した、置き換え先の品目</translation>
    </message>
    <message>
        <source>Switched (day)</source>
        <translation>切替日</translation>
    </message>
    <message>
        <source>The day of the stop it was first used; blank: never</source>
        <translation>供給途絶の何日目に初めて使用したか（空欄：使用なし）</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>代替数量</translation>
    </message>
    <message>
        <source>Units of the item made from the alternate during the stop</source>
        <translation>供給途絶中に代替品で賄った品目の数量</translation>
    </message>
    <message>
        <source>Of uncovered</source>
        <translation>不足分に対する比率</translation>
    </message>
    <message>
        <source>Replaced ÷ what the stop left uncovered from the qualification day</source>
        <translation>代替数量 ÷ 切替可能日以降に供給途絶で不足した数量</translation>
    </message>
    <message>
        <source>Uncovered</source>
        <translation>不足数量</translation>
    </message>
    <message>
        <source>Units of the item the stop left uncovered from the qualification day</source>
        <translation>切替可能日以降に供給途絶で不足した品目の数量</translation>
    </message>
    <message>
        <source>Alternate used</source>
        <translation>代替品使用量</translation>
    </message>
    <message>
        <source>Replaced × ratio, in the alternate's unit</source>
        <translation>代替数量 × 代替比率（代替品の単位）</translation>
    </message>
    <message>
        <source>Qualification (days)</source>
        <translation>切替可能日数</translation>
    </message>
    <message>
        <source>Days after the stop begins before the alternate can be used</source>
        <translation>供給途絶の開始から代替品を使用できるようになるまでの日数</translation>
    </message>
    <message>
        <source>Max share</source>
        <translation>代替上限比率</translation>
    </message>
    <message>
        <source>The most of the item's requirement it may take</source>
        <translation>品目の所要量のうち代替できる上限</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>代替比率</translation>
    </message>
    <message>
        <source>Units of the alternate per unit of the item</source>
        <translation>品目 1 単位あたりの代替品の数量</translation>
    </message>
    <message>
        <source>Alternate's name</source>
        <translation>代替品名</translation>
    </message>
    <message>
        <source>The alternate's name, as in the Items table</source>
        <translation>品目シートに登録した代替品の品名</translation>
    </message>
    <message>
        <source>{item} switched to {alternate} on day {day}: {replaced} {unit} replaced, {share} of what the stop left uncovered</source>
        <translation>{item} は {day} 日目に {alternate} へ切替、{replaced} {unit} を代替（供給途絶で不足した分の {share}）</translation>
    </message>
    <message>
        <source>{item} could switch to {alternate} from day {day}, but the alternate's materials had none to spare</source>
        <translation>{item} は {day} 日目から {alternate} へ切替可能でしたが、代替品の材料に余剰がありませんでした</translation>
    </message>
    <message>
        <source>{item} did not need {alternate}: the stop left it covered from day {day}, when the alternate is qualified</source>
        <translation>{item} は {alternate} への切替が不要でした（切替可能となる {day} 日目以降も供給途絶による不足は生じませんでした）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>途絶対象</translation>
    </message>
    <message>
        <source>Risk exposure index</source>
        <translation>供給リスク指数</translation>
    </message>
    <message>
        <source>Revenue at risk ÷ the largest revenue at risk of any stop</source>
        <translation>影響売上高 ÷ 全途絶対象のうち最大の影響売上高</translation>
    </message>
    <message>
        <source>Spend share</source>
        <translation>購入額比率</translation>
    </message>
    <message>
        <source>Share of daily purchase value through the stopped sources: a low share with a high index is a hidden single point of failure</source>
        <translation>途絶する調達先を通る日次購入額の比率。比率が低いのに指数が高い対象は、見落としやすい単一障害点です</translation>
    </message>
    <message>
        <source>First stock-out (day)</source>
        <translation>最初の欠品（日目）</translation>
    </message>
    <message>
        <source>Products stopped</source>
        <translation>生産停止する製品</translation>
    </message>
    <message>
        <source>Materials hit</source>
        <translation>影響を受ける材料</translation>
    </message>
    <message>
        <source>Run out</source>
        <translation>欠品する材料</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>日数</translation>
    </message>
    <message>
        <source>Length of the stop: the longest time to recover of the sources it hits</source>
        <translation>途絶期間：影響を受ける調達先の最長の復旧日数</translation>
    </message>
    <message>
        <source>Country {code}</source>
        <translation>国 {code}</translation>
    </message>
    <message>
        <source>Supplier {code}</source>
        <translation>仕入先 {code}</translation>
    </message>
    <message>
        <source>used by alternate</source>
        <translation>代替で使用</translation>
    </message>
    <message>
        <source>The stop does not hit {item}: it is listed because the alternates switched to used {quantity} {unit} of it.</source>
        <translation>{item} は供給途絶の影響を受けませんが、切り替えた代替品が {quantity} {unit} を使用したため表示しています。</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Open from Server</source>
        <translation>サーバーから開く</translation>
    </message>
    <message>
        <source>(a new server)</source>
        <translation>（新しいサーバー）</translation>
    </message>
    <message>
        <source>Remember in the system keyring</source>
        <translation>システムのキーリングに保存</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>パスワード：</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>接続(&amp;C)</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>ホスト：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>ポート：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>データベース：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>ユーザー：</translation>
    </message>
    <message>
        <source>Servers used before:</source>
        <translation>接続履歴：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>アドレス：</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>品目数</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最終更新</translation>
    </message>
    <message>
        <source>By</source>
        <translation>更新者</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <source>Projects on the server:</source>
        <translation>サーバー上のプロジェクト：</translation>
    </message>
    <message>
        <source>This computer has no system keyring: the password is not remembered.</source>
        <translation>このコンピューターにはシステムのキーリングがないため、パスワードは保存されません。</translation>
    </message>
    <message>
        <source>{server} asks for the password of {user}.</source>
        <translation>{server} が {user} のパスワードを求めています。</translation>
    </message>
    <message>
        <source>your user</source>
        <translation>あなたのユーザー</translation>
    </message>
    <message>
        <source>Cannot connect to {server}: {reason}</source>
        <translation>{server} に接続できません：{reason}</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>{server} に接続しています…</translation>
    </message>
    <message>
        <source>{server} has no projects yet. Put one there with: planner convert FILE -o {address}?project=NAME</source>
        <translation>{server} にはまだプロジェクトがありません。planner convert FILE -o {address}?project=NAME でプロジェクトを登録してください。</translation>
    </message>
    <message>
        <source>{server} has no project {project}; choose one of those listed.</source>
        <translation>{server} にプロジェクト {project} はありません。一覧から選んでください。</translation>
    </message>
    <message numerus="yes">
        <source>Connected to {server}: %n project(s).</source>
        <translation>
            <numerusform>{server} に接続しました（プロジェクト %n 件）。</numerusform></translation>
    </message>
    <message>
        <source>Cannot open {project}: {reason}</source>
        <translation>{project} を開けません：{reason}</translation>
    </message>
    <message>
        <source>Opening {project}…</source>
        <translation>{project} を開いています…</translation>
    </message>
</context>
<context>
    <name>SetCells</name>
    <message>
        <source>Edit cell</source>
        <translation>セルの編集</translation>
    </message>
    <message>
        <source>Paste {count} cells</source>
        <translation>{count} 個のセルの貼り付け</translation>
    </message>
</context>
<context>
    <name>SetSetting</name>
    <message>
        <source>Change {setting}</source>
        <translation>{setting}の変更</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>As-of date</source>
        <translation>基準日</translation>
    </message>
    <message>
        <source>Day 0 of every figure</source>
        <translation>すべての数値の起点（0 日目）</translation>
    </message>
    <message>
        <source>Horizon (days)</source>
        <translation>計画期間（日）</translation>
    </message>
    <message>
        <source>Open orders due within it count towards cover</source>
        <translation>この期間内に納期を迎える発注残を在庫日数に含めます</translation>
    </message>
    <message>
        <source>Target cover (days)</source>
        <translation>目標在庫日数</translation>
    </message>
    <message>
        <source>Japan's JOGMEC holds about 60 days</source>
        <translation>JOGMEC（日本）の備蓄は約 60 日分</translation>
    </message>
    <message>
        <source>Max supplier share</source>
        <translation>仕入先別上限比率</translation>
    </message>
    <message>
        <source>G7 2030: under 60%, ambition 50%</source>
        <translation>G7 の 2030 年目標：60% 未満、努力目標 50%</translation>
    </message>
    <message>
        <source>Max country share</source>
        <translation>国別上限比率</translation>
    </message>
    <message>
        <source>EU CRMA: at most 65% from one third country</source>
        <translation>EU CRMA：単一の第三国からは 65% 以下</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>通貨</translation>
    </message>
    <message>
        <source>For prices and values</source>
        <translation>価格と金額の通貨</translation>
    </message>
    <message>
        <source>Company / project</source>
        <translation>会社名 / プロジェクト名</translation>
    </message>
    <message>
        <source>Shown on reports</source>
        <translation>レポートに表示します</translation>
    </message>
    <message>
        <source>Content country</source>
        <translation>含有判定の対象国</translation>
    </message>
    <message>
        <source>Whose origin content in products is screened</source>
        <translation>製品の原産国含有を審査する国</translation>
    </message>
    <message>
        <source>Content threshold</source>
        <translation>含有率の基準値</translation>
    </message>
    <message>
        <source>A product whose content share is above it is flagged</source>
        <translation>含有率がこれを超える製品を要確認とします</translation>
    </message>
    <message>
        <source>Holding cost per year</source>
        <translation>在庫保有コスト率（年）</translation>
    </message>
    <message>
        <source>Of the stock's value: capital, storage, insurance</source>
        <translation>在庫金額に対する割合：資本コスト・保管費・保険料</translation>
    </message>
    <message>
        <source>Supplier stop likelihood</source>
        <translation>仕入先途絶の年間発生確率</translation>
    </message>
    <message>
        <source>A year, per supplier; 5% is once in 20 years</source>
        <translation>仕入先 1 社あたりの年間確率。5% で 20 年に 1 度</translation>
    </message>
    <message>
        <source>Country stop likelihood</source>
        <translation>国別途絶の年間発生確率</translation>
    </message>
    <message>
        <source>A year, per origin country; 2% is once in 50 years</source>
        <translation>原産国 1 か国あたりの年間確率。2% で 50 年に 1 度</translation>
    </message>
    <message>
        <source>Project settings</source>
        <translation>プロジェクト設定</translation>
    </message>
    <message>
        <source>Exchange rates</source>
        <translation>為替レート</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>為替レート</translation>
    </message>
    <message>
        <source>For prices in another currency than {own}: each currency's rate is the units of {own} for one unit of it (a rate of 0.13 for CNY: one yuan is worth 0.13 {own}). A currency code typed in small letters reads as its code.</source>
        <translation>{own} 以外の通貨建ての価格に使います。各通貨のレートは、その通貨 1 単位あたりの {own} の額です（CNY のレートが 0.13 なら 1 元 = 0.13 {own}）。小文字で入力した通貨コードもそのまま通貨コードとして読み取ります。</translation>
    </message>
    <message>
        <source>{label} {reason}; it stays {kept}.</source>
        <translation>{label}：{reason}（{kept} のままです）</translation>
    </message>
    <message>
        <source>{label} {reason}.</source>
        <translation>{label}：{reason}</translation>
    </message>
    <message>
        <source>Not changed: {said}</source>
        <translation>変更していません。{said}</translation>
    </message>
    <message>
        <source>Settings: {said}</source>
        <translation>設定：{said}</translation>
    </message>
</context>
<context>
    <name>SizingChart</name>
    <message>
        <source>Holding cost and expected loss</source>
        <translation>在庫保有コストと期待損失</translation>
    </message>
    <message>
        <source>days of stock (of the material's daily use)</source>
        <translation>在庫日数（材料の日次使用量の何日分か）</translation>
    </message>
    <message>
        <source>a year</source>
        <translation>年額</translation>
    </message>
    <message>
        <source>recommended · {value:.0f} d</source>
        <translation>推奨 · {value:.0f} 日</translation>
    </message>
    <message>
        <source>target · {value:.0f} d</source>
        <translation>目標 · {value:.0f} 日</translation>
    </message>
    <message>
        <source>JOGMEC · {value:.0f} d</source>
        <translation>JOGMEC · {value:.0f} 日</translation>
    </message>
    <message>
        <source>holding cost</source>
        <translation>在庫保有コスト</translation>
    </message>
    <message>
        <source>expected loss</source>
        <translation>期待損失</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>{name} ({id}): holding cost and expected loss</source>
        <translation>{name}（{id}）：在庫保有コストと期待損失</translation>
    </message>
    <message>
        <source>a year ({currency})</source>
        <translation>年額（{currency}）</translation>
    </message>
    <message>
        <source>The expected loss with no stock, {money} a year, is above the chart.</source>
        <translation>在庫ゼロ時の期待損失（年 {money}）はグラフの上端を超えています。</translation>
    </message>
</context>
<context>
    <name>SourcingPage</name>
    <message>
        <source>Concentration per material</source>
        <translation>材料別の集中度</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>調達先</translation>
    </message>
    <message>
        <source>Who supplies each item, with its share of the item's supply (shares of an item sum to 100%). Origin country is where the material is mined or refined, or recovered for secondary (recycled) supply; blank means the supplier's country, except for a trader's primary supply, where it means not known, as “unknown” does: look-through then spreads it over the world's producers.</source>
        <translation>各品目の調達先と、品目の調達に占める比率（品目ごとの合計は 100%）。原産国は材料が採掘・精錬された国で、二次原料（リサイクル材）の場合は回収された国です。空欄は仕入先の所在国とみなします。ただし商社の一次原料の場合は「不明」と記入したときと同じく原産国不明として扱い、ルックスルーで世界の生産国に按分します。</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>EV motors and wind turbines</source>
        <translation>EV用モーター・風力発電機</translation>
    </message>
    <message>
        <source>Motors and actuators (Japan)</source>
        <translation>モーター・アクチュエーター（日本）</translation>
    </message>
    <message>
        <source>Semiconductor equipment</source>
        <translation>半導体製造装置</translation>
    </message>
    <message>
        <source>Get started</source>
        <translation>はじめに</translation>
    </message>
    <message>
        <source>Stockpile Planner shows how many days your stock of each material lasts, how much of it depends on one supplier or country, and what to buy. Start from a sample or from your own data.</source>
        <translation>Stockpile Planner は、材料ごとの在庫が何日もつか、単一の仕入先や国にどれだけ依存しているか、そして何を購入すべきかを示します。サンプルか、お手持ちのデータから始めてください。</translation>
    </message>
    <message>
        <source>Open sample…</source>
        <translation>サンプルを開く…</translation>
    </message>
    <message>
        <source>A finished example project, to look around in.</source>
        <translation>入力済みのサンプルプロジェクトです。操作を試すのにご利用ください。</translation>
    </message>
    <message>
        <source>Import workbook…</source>
        <translation>ブックを取り込む…</translation>
    </message>
    <message>
        <source>Your data in a template workbook (.xlsx) or a folder of CSV files.</source>
        <translation>テンプレートのブック（.xlsx）や CSV ファイルのフォルダーからデータを取り込みます。</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>プロジェクトを開く…</translation>
    </message>
    <message>
        <source>A project file (.stockpile) saved before.</source>
        <translation>以前に保存したプロジェクトファイル（.stockpile）を開きます。</translation>
    </message>
    <message>
        <source>New template workbook…</source>
        <translation>新しいテンプレートブック…</translation>
    </message>
    <message>
        <source>An empty workbook to fill in, with instructions, example rows and drop-down lists.</source>
        <translation>入力用の空のブックを作成します。説明、記入例、ドロップダウンリスト付きです。</translation>
    </message>
    <message>
        <source>Or start with an empty project</source>
        <translation>または、空のプロジェクトから始める</translation>
    </message>
    <message>
        <source>New template workbook</source>
        <translation>新しいテンプレートブック</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>Wrote {file}: fill it in, then import it with File, Import.</source>
        <translation>{file} を作成しました。入力が済んだら、「ファイル」→「取り込み」で取り込んでください。</translation>
    </message>
    <message>
        <source>Writing the template</source>
        <translation>テンプレートを作成中</translation>
    </message>
</context>
<context>
    <name>StockCurves</name>
    <message>
        <source>Projected stock during the stop</source>
        <translation>途絶期間中の在庫推移（予測）</translation>
    </message>
    <message>
        <source>stock ÷ daily use (days)</source>
        <translation>在庫 ÷ 日次使用量（日）</translation>
    </message>
    <message>
        <source>days from the as-of date</source>
        <translation>基準日からの日数</translation>
    </message>
    <message>
        <source>Hover a line to name its material; click it to select the material in every view.</source>
        <translation>線にポインターを合わせると材料名を表示します。クリックすると、すべての画面でその材料を選択します。</translation>
    </message>
    <message>
        <source>stop ends · day {value:.0f}</source>
        <translation>途絶終了 · {value:.0f} 日目</translation>
    </message>
    <message>
        <source>licence review ends · day {value:.0f}</source>
        <translation>輸出許可審査終了 · {value:.0f} 日目</translation>
    </message>
    <message>
        <source>The {drawn} materials that run out soonest of {hit} hit are drawn.</source>
        <translation>影響を受ける {hit} 件のうち、欠品が早い {drawn} 件の材料を表示しています。</translation>
    </message>
    <message numerus="yes">
        <source>{count} hit material(s) without demand not drawn.</source>
        <translation>
            <numerusform>需要のない影響材料 {count} 件は表示していません。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{count} line(s) go above the axis.</source>
        <translation>
            <numerusform>{count} 本の線はグラフの上端を超えています。</numerusform></translation>
    </message>
    <message>
        <source>runs out (● stock-out)</source>
        <translation>欠品する（● 欠品日）</translation>
    </message>
    <message>
        <source>lasts the stop</source>
        <translation>持ちこたえる</translation>
    </message>
    <message>
        <source>lasts the {days}-day stop</source>
        <translation>{days} 日間の途絶を持ちこたえます</translation>
    </message>
    <message>
        <source>runs out on {day} ({date})</source>
        <translation>{day}（{date}）に欠品</translation>
    </message>
    <message>
        <source>runs out on {day}</source>
        <translation>{day}に欠品</translation>
    </message>
    <message>
        <source>{day}: {days} days of use in stock</source>
        <translation>{day}：在庫は使用量 {days} 日分</translation>
    </message>
</context>
<context>
    <name>StockpilePage</name>
    <message>
        <source>How much stock is worth holding</source>
        <translation>保有に見合う在庫量</translation>
    </message>
    <message>
        <source>The figures cannot be computed</source>
        <translation>数値を計算できません</translation>
    </message>
    <message>
        <source>Fix the problems marked in the tables; the sizing comes back by itself.</source>
        <translation>表で示された問題を修正してください。修正すると推奨在庫日数は自動的に再計算されます。</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>数値を計算しています…</translation>
    </message>
    <message>
        <source>The sizing runs as soon as they are ready.</source>
        <translation>計算が終わりしだい推奨在庫日数を求めます。</translation>
    </message>
    <message>
        <source>Weighing every stop against days of stock…</source>
        <translation>各供給途絶と在庫日数を比較しています…</translation>
    </message>
    <message>
        <source>The stock cannot be sized</source>
        <translation>推奨在庫日数を計算できません</translation>
    </message>
    <message numerus="yes">
        <source>%n stop(s) weighed</source>
        <translation>
            <numerusform>供給途絶 %n 件で評価</numerusform></translation>
    </message>
    <message>
        <source>No material to size</source>
        <translation>評価する材料がありません</translation>
    </message>
    <message>
        <source>Stock is sized for purchased materials with a daily use; this project has none.</source>
        <translation>推奨在庫日数は日次使用量のある購入材料について求めますが、このプロジェクトにはありません。</translation>
    </message>
    <message>
        <source>The likelihood of each stop a year and the holding cost, {pct} of the stock's value a year, are your assumptions: set them in Settings. The expected loss weighs each stop of the risk ranking and the presets by its likelihood; the recommended days make holding cost plus expected loss least.</source>
        <translation>各供給途絶の年間発生確率と在庫保有コスト（在庫金額の年 {pct}）は想定値です。「設定」で変更できます。期待損失は、リスク順位とプリセットの各供給途絶の損失に発生確率を掛けて合計したものです。推奨在庫日数は、在庫保有コストと期待損失の合計が最小となる日数です。</translation>
    </message>
</context>
<context>
    <name>StockpileTables</name>
    <message>
        <source>Item</source>
        <translation>品目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Loss avoided per
1 of holding added</source>
        <translation>追加保有コスト 1
あたり回避損失</translation>
    </message>
    <message>
        <source>The expected loss a year that raising today's stock to the recommended days avoids ÷ the holding cost a year it adds (blank: today's stock is enough); the materials short of it come first</source>
        <translation>現在の在庫を推奨在庫日数まで増やすことで回避できる年間期待損失 ÷ 増える年間保有コスト（空欄：現在の在庫で足りる）。推奨在庫日数に届かない材料を先に並べます</translation>
    </message>
    <message>
        <source>Recommended
(days)</source>
        <translation>推奨
在庫日数</translation>
    </message>
    <message>
        <source>The days of stock where holding cost plus expected loss a year is least (0 to 365 days)</source>
        <translation>年間の在庫保有コストと期待損失の合計が最小となる在庫日数（0～365 日）</translation>
    </message>
    <message>
        <source>To add
(days)</source>
        <translation>追加
（日数）</translation>
    </message>
    <message>
        <source>Days of use to add to today's stock to reach the recommended days (0: today's stock is enough)</source>
        <translation>推奨在庫日数に届くまで現在の在庫に追加する日数分（0：現在の在庫で足りる）</translation>
    </message>
    <message>
        <source>Target
(days)</source>
        <translation>目標
在庫日数</translation>
    </message>
    <message>
        <source>The material's own target, or the project's</source>
        <translation>材料ごとの目標在庫日数（指定がなければプロジェクトの値）</translation>
    </message>
    <message>
        <source>JOGMEC
(days)</source>
        <translation>JOGMEC
の 60 日</translation>
    </message>
    <message>
        <source>Japan's national stockpile mark: 60 days of use</source>
        <translation>日本の国家備蓄の目安：使用量の 60 日分</translation>
    </message>
    <message>
        <source>Now
(days)</source>
        <translation>現在の
在庫日数</translation>
    </message>
    <message>
        <source>Stock on hand ÷ daily use</source>
        <translation>手持在庫 ÷ 日次使用量</translation>
    </message>
    <message>
        <source>Holding cost
a year {currency}</source>
        <translation>年間在庫
保有コスト {currency}</translation>
    </message>
    <message>
        <source>The cost a year of holding the recommended stock: its value × the holding cost in Settings</source>
        <translation>推奨在庫を保有する年間費用：在庫金額 × 「設定」の在庫保有コスト率</translation>
    </message>
    <message>
        <source>Expected loss
a year {currency}</source>
        <translation>年間
期待損失 {currency}</translation>
    </message>
    <message>
        <source>With the recommended stock: each stop's loss × its likelihood a year, summed</source>
        <translation>推奨在庫を持った場合の、各供給途絶の損失 × 年間発生確率の合計</translation>
    </message>
    <message>
        <source>Expected loss
with no stock {currency}</source>
        <translation>在庫ゼロ時の
期待損失 {currency}</translation>
    </message>
    <message>
        <source>The expected loss a year with no stock at all: what the recommended stock avoids, with the loss left at it</source>
        <translation>在庫がまったくない場合の年間の期待損失。推奨在庫で回避できる損失と、推奨在庫でも残る損失の合計です</translation>
    </message>
</context>
<context>
    <name>StopControls</name>
    <message>
        <source>a country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>a supplier</source>
        <translation>仕入先</translation>
    </message>
    <message>
        <source>a preset</source>
        <translation>輸出規制プリセット</translation>
    </message>
    <message>
        <source>The project has no origin countries to stop.</source>
        <translation>このプロジェクトには途絶させる原産国がありません。</translation>
    </message>
    <message>
        <source>The project has no suppliers to stop.</source>
        <translation>このプロジェクトには途絶させる仕入先がありません。</translation>
    </message>
    <message>
        <source>No price spike</source>
        <translation>価格高騰なし</translation>
    </message>
    <message>
        <source>Price spike on the stop</source>
        <translation>途絶先の価格高騰</translation>
    </message>
    <message>
        <source>Price spike alone</source>
        <translation>価格高騰のみ</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日間</translation>
    </message>
    <message>
        <source>How long the deliveries stop, from the as-of date</source>
        <translation>基準日から供給が止まる期間</translation>
    </message>
    <message>
        <source>The part of the hit sources' deliveries and open orders that is lost (100 %: all of it)</source>
        <translation>影響を受ける調達先からの納入と発注残のうち、失われる割合（100 %：すべて）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Project the stock of every material the stop hits (Enter)</source>
        <translation>途絶の影響を受けるすべての材料の在庫推移を予測します（Enter）</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>Stop deliveries from</source>
        <translation>供給途絶の対象</translation>
    </message>
    <message>
        <source>for</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>cutting</source>
        <translation>削減率</translation>
    </message>
    <message>
        <source>Licence review</source>
        <translation>輸出許可審査</translation>
    </message>
    <message>
        <source>A licence regime rather than an embargo: when the licence review ends, the approved share of the cut deliveries resumes. MOFCOM reviews dual-use export licences within 45 working days, about 63 calendar days.</source>
        <translation>禁輸ではなく輸出許可制の場合です。許可審査が終わると、途絶分のうち承認された比率の供給が再開します。中国商務部はデュアルユース品目の輸出許可を 45 営業日（暦日で約 63 日）以内に審査します。</translation>
    </message>
    <message>
        <source>The day the licence review ends, from the as-of date (at most the stop's length)</source>
        <translation>輸出許可審査が終わる日（基準日からの日数。途絶期間以内）</translation>
    </message>
    <message>
        <source>The share of the cut deliveries that resumes once the licence review ends</source>
        <translation>輸出許可審査の終了後に再開する途絶分の比率</translation>
    </message>
    <message>
        <source>until day {value}</source>
        <translation>{value} 日目まで</translation>
    </message>
    <message>
        <source>{value}% approved</source>
        <translation>承認率 {value}%</translation>
    </message>
    <message>
        <source>A price spike: the extra cost of buying the requirement at a raised price, on the stopped sources only or, alone, on every source</source>
        <translation>価格高騰：所要量を高い価格で購入する場合の追加コストです。供給途絶とあわせると途絶した調達先のみ、単独ではすべての調達先が対象です。</translation>
    </message>
    <message>
        <source>item ID</source>
        <translation>品目 ID</translation>
    </message>
    <message>
        <source>What gets dearer: a commodity or a category of the project, or an item ID typed in</source>
        <translation>値上がりする対象：プロジェクトの鉱種・分類、または入力した品目 ID</translation>
    </message>
    <message>
        <source>The price factor: 5 buys at five times the price</source>
        <translation>価格の倍率（5 なら 5 倍の価格で購入）</translation>
    </message>
    <message>
        <source>for {value} days</source>
        <translation>{value} 日間</translation>
    </message>
    <message>
        <source>How long the prices stay raised, from the as-of date</source>
        <translation>価格高騰が続く日数（基準日から）</translation>
    </message>
    <message>
        <source>No preset scenarios to run.</source>
        <translation>実行できるプリセットシナリオがありません。</translation>
    </message>
    <message>
        <source>{title} is a price spike, not a stop: run it as a price spike alone.</source>
        <translation>{title} は供給途絶ではなく価格高騰のシナリオです。「価格高騰のみ」で実行してください。</translation>
    </message>
    <message numerus="yes">
        <source>{name} ({code}) · {count} material(s)</source>
        <translation>
            <numerusform>{name} ({code}) · 材料 {count} 件</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{title} · {count} material(s)</source>
        <translation>
            <numerusform>{title} · 材料 {count} 件</numerusform></translation>
    </message>
    <message>
        <source>{title} · no match</source>
        <translation>{title} · 該当なし</translation>
    </message>
    <message>
        <source>{name} (commodity)</source>
        <translation>{name}（鉱種）</translation>
    </message>
    <message>
        <source>{name} (category)</source>
        <translation>{name}（分類）</translation>
    </message>
    <message>
        <source>No preset scenarios.</source>
        <translation>プリセットシナリオがありません。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between names in a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} ほか {count} 件</translation>
    </message>
    <message>
        <source>A price spike on {materials}. {assumption}</source>
        <translation>{materials} の価格高騰です。{assumption}</translation>
    </message>
    <message>
        <source>A price spike that matches no material of this project. {assumption}</source>
        <translation>この価格高騰に該当する材料は、このプロジェクトにありません。{assumption}</translation>
    </message>
    <message>
        <source>Stops {materials} from {country}. {assumption}</source>
        <translation>{country}からの{materials}の供給を止めます。{assumption}</translation>
    </message>
    <message>
        <source>Matches no material of this project from {country}. {assumption}</source>
        <translation>このプロジェクトには{country}からの該当材料がありません。{assumption}</translation>
    </message>
    <message>
        <source>Announced {date}: {measure}</source>
        <translation>{date} 発表：{measure}</translation>
    </message>
    <message>
        <source>Presets live in resources/scenarios.json; edit the file to change their keywords, length or cut.</source>
        <translation>プリセットは resources/scenarios.json に定義されています。キーワード、期間、削減率を変えるにはこのファイルを編集してください。</translation>
    </message>
    <message numerus="yes">
        <source>{count} material(s)</source>
        <translation>
            <numerusform>材料 {count} 件</numerusform></translation>
    </message>
    <message>
        <source>Every source whose material comes from {country}, whoever sells it: {materials} through {suppliers}.</source>
        <translation>原産国が{country}のすべての調達先（販売する仕入先を問わず）：仕入先 {suppliers}経由の{materials}。</translation>
    </message>
    <message numerus="yes">
        <source>{count} supplier(s)</source>
        <translation>
            <numerusform>{count} 社</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>For %n material(s), a part comes from look-through (an origin you do not know, spread over the world's producers).</source>
        <translation>
            <numerusform>%n 件の材料は、一部がルックスルー（不明な原産国を世界の生産国に按分したもの）によるものです。</numerusform></translation>
    </message>
    <message>
        <source>Every source of this supplier, whatever the origin: {materials} from {countries}.</source>
        <translation>この仕入先のすべての調達先（原産国を問わず）：{materials}（原産国：{countries}）。</translation>
    </message>
    <message>
        <source>no country</source>
        <translation>なし</translation>
    </message>
</context>
<context>
    <name>SummaryDocument</name>
    <message>
        <source>Cannot draw the summary in Japanese: no font with Japanese characters is installed. Install one, such as Noto Sans CJK JP (the package fonts-noto-cjk on Debian and Ubuntu, google-noto-sans-cjk-fonts on Fedora) or IPAexGothic, then try again.</source>
        <translation>日本語フォントがインストールされていないため、サマリーを日本語で作成できません。Noto Sans CJK JP（Debian・Ubuntu ではパッケージ fonts-noto-cjk、Fedora では google-noto-sans-cjk-fonts）や IPAexGothic などをインストールしてから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>Products most at risk</source>
        <translation>リスクの高い製品</translation>
    </message>
    <message>
        <source>As of {date}  ·  horizon {horizon} days  ·  target {target} days of cover  ·  caps {supplier} per supplier, {country} per origin country  ·  {currency}</source>
        <translation>{date} 時点  ·  計画期間 {horizon} 日  ·  目標在庫日数 {target} 日  ·  上限比率：仕入先別 {supplier}、国別 {country}  ·  {currency}</translation>
    </message>
    <message>
        <source>over G7 60%</source>
        <translation>G7 の 60% 超</translation>
    </message>
    <message>
        <source>G7: 50–60%</source>
        <translation>G7：50～60%</translation>
    </message>
    <message>
        <source>under G7 50%</source>
        <translation>G7 の 50% 未満</translation>
    </message>
    <message>
        <source>of {count} materials below target cover ({critical} critical)</source>
        <translation>材料 {count} 件中、目標在庫日数未満（うち危険 {critical} 件）</translation>
    </message>
    <message>
        <source>of {count} materials below target cover</source>
        <translation>材料 {count} 件中、目標在庫日数未満</translation>
    </message>
    <message>
        <source>single-sourced materials</source>
        <translation>単一仕入先の材料</translation>
    </message>
    <message>
        <source>over the supplier cap</source>
        <translation>仕入先別上限比率の超過</translation>
    </message>
    <message>
        <source>over the country cap</source>
        <translation>国別上限比率の超過</translation>
    </message>
    <message>
        <source>largest origin by value ({g7})</source>
        <translation>金額ベースで最大の原産国（{g7}）</translation>
    </message>
    <message>
        <source>The {count} materials most at risk are charted; {more} more are in the table.</source>
        <translation>リスクの高い材料 {count} 件をグラフに示しています。残り {more} 件は表をご覧ください。</translation>
    </message>
    <message>
        <source>Days of cover against target</source>
        <translation>在庫日数と目標</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Origin-country mix of supply</source>
        <translation>原産国別の調達構成</translation>
    </message>
    <message>
        <source>share of supply by origin country</source>
        <translation>原産国別の調達比率</translation>
    </message>
    <message>
        <source>no sources</source>
        <translation>調達先なし</translation>
    </message>
    <message>
        <source>cap {cap}</source>
        <translation>上限 {cap}</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>在庫日数</translation>
    </message>
    <message>
        <source>w/ orders</source>
        <translation>発注残込み</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Top supplier</source>
        <translation>最大仕入先</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>比率</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原産国</translation>
    </message>
    <message>
        <source>HHI</source>
        <translation>HHI</translation>
    </message>
    <message>
        <source>Over cap</source>
        <translation>上限超過</translation>
    </message>
    <message>
        <source>both</source>
        <translation>両方</translation>
    </message>
    <message>
        <source>supplier</source>
        <translation>仕入先</translation>
    </message>
    <message>
        <source>country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Materials by risk ({count})</source>
        <translation>リスク順の材料（{count} 件）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>no purchased materials</source>
        <translation>購入材料なし</translation>
    </message>
    <message>
        <source>  ·  as of {date}  ·  G7 marks: {cap} by 2030, ambition {ambition}</source>
        <translation>  ·  {date} 時点  ·  G7 の目安：2030 年までに {cap}、努力目標 {ambition}</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>{page} / {pages} ページ</translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message>
        <source>Sum {value}</source>
        <translation>合計: {value}</translation>
    </message>
    <message>
        <source>Average {value}</source>
        <translation>平均: {value}</translation>
    </message>
    <message>
        <source>Count {count}</source>
        <translation>データの個数: {count}</translation>
    </message>
    <message>
        <source>This value cannot be used here.</source>
        <translation>この値はここでは使用できません。</translation>
    </message>
    <message>
        <source>Search {title}…</source>
        <translation>{title}を検索…</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>行の追加</translation>
    </message>
    <message>
        <source>Insert a row below the current one (Ctrl+Shift+=)</source>
        <translation>現在の行の下に行を挿入します（Ctrl+Shift+=）</translation>
    </message>
    <message>
        <source>Delete rows</source>
        <translation>行の削除</translation>
    </message>
    <message>
        <source>Delete the selected rows (Ctrl+-)</source>
        <translation>選択した行を削除します（Ctrl+-）</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of {count} row(s)</source>
        <translation>
            <numerusform>{count} 行中 {shown} 行</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{count} row(s)</source>
        <translation>
            <numerusform>{count} 行</numerusform></translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>切り取り</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>貼り付け</translation>
    </message>
    <message>
        <source>Insert row above</source>
        <translation>上に行を挿入</translation>
    </message>
    <message>
        <source>Fill down</source>
        <translation>下方向へコピー</translation>
    </message>
    <message>
        <source>Clear cells</source>
        <translation>セルのクリア</translation>
    </message>
    <message>
        <source>Copied {rows} × {columns} cells</source>
        <translation>{rows} × {columns} 個のセルをコピーしました</translation>
    </message>
    <message>
        <source>Cut cells</source>
        <translation>セルの切り取り</translation>
    </message>
    <message>
        <source>Paste refused: the block is {width} columns wide and does not fit from column {column}</source>
        <translation>貼り付けできません：貼り付ける範囲は {width} 列あり、{column} 列目からでは収まりません</translation>
    </message>
    <message>
        <source>Paste refused, nothing changed:
{problems}</source>
        <translation>貼り付けできません。何も変更していません：
{problems}</translation>
    </message>
    <message>
        <source>
… and {count} more</source>
        <translation>
…ほか {count} 件</translation>
    </message>
</context>
<context>
    <name>TeamSync</name>
    <message numerus="yes">
        <source>The server is back: the %n change(s) kept meanwhile are saved.</source>
        <translation>
            <numerusform>サーバーに再接続しました。保留していた %n 件の変更を保存しました。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The server cannot be reached: %n change(s) kept, saved once it is back.</source>
        <translation>
            <numerusform>サーバーに接続できません：%n 件の変更を保留中（接続回復後に保存）</numerusform></translation>
    </message>
    <message>
        <source>The server cannot be reached: changes are kept until it is back.</source>
        <translation>サーバーに接続できません：変更は接続が回復するまで保留します</translation>
    </message>
    <message>
        <source>Saved on the server</source>
        <translation>サーバーに保存済み</translation>
    </message>
    <message>
        <source>Every change is saved on {server} as you make it.</source>
        <translation>変更は入力のたびに {server} に保存されます。</translation>
    </message>
    <message>
        <source>Read only</source>
        <translation>閲覧のみ</translation>
    </message>
    <message>
        <source>Read only: you may view, report, plan and print this project, not change it (the server gives your user no right to change it).</source>
        <translation>閲覧のみ：このプロジェクトの閲覧・レポート・計画・印刷はできますが、変更はできません（サーバーであなたのユーザーに変更の権限が与えられていません）。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from other desks; the last: {change}</source>
        <translation>
            <numerusform>他のユーザーによる変更 %n 件（最新：{change}）</numerusform></translation>
    </message>
    <message>
        <source>{user} changed the setting {setting}</source>
        <translation>{user} が設定 {setting} を変更しました</translation>
    </message>
    <message>
        <source>{user} added a row to {table}</source>
        <translation>{user} が {table} に行を追加しました</translation>
    </message>
    <message>
        <source>{user} removed a row from {table}</source>
        <translation>{user} が {table} の行を削除しました</translation>
    </message>
    <message>
        <source>{user} changed {table} {column} of {row}</source>
        <translation>{user} が {table} の {row} の {column} を変更しました</translation>
    </message>
    <message>
        <source>{user} changed {table} {column}</source>
        <translation>{user} が {table} の {column} を変更しました</translation>
    </message>
    <message>
        <source>The change log is kept for projects opened from a server.</source>
        <translation>変更履歴は、サーバーから開いたプロジェクトについて記録されます。</translation>
    </message>
</context>
<context>
    <name>WorldPage</name>
    <message>
        <source>Other countries</source>
        <translation>その他の国</translation>
    </message>
    <message>
        <source>share (%)</source>
        <translation>シェア（%）</translation>
    </message>
    <message>
        <source>{statistic}, {year}</source>
        <translation>{statistic}（{year} 年）</translation>
    </message>
    <message>
        <source>Largest {country} {share} · top 3 {top3} · HHI {hhi}</source>
        <translation>最大 {country} {share} · 上位 3 か国 {top3} · HHI {hhi}</translation>
    </message>
    <message>
        <source>Shares of the {total} {unit} listed; world total as reported: {reported} {unit}.</source>
        <translation>掲載国の合計 {total} {unit} に対するシェアです。公表された世界合計は {reported} {unit} です。</translation>
    </message>
    <message>
        <source>Shares of the {total} {unit} listed.</source>
        <translation>掲載国の合計 {total} {unit} に対するシェアです。</translation>
    </message>
    <message>
        <source>Not given by the release (left out): {countries}.</source>
        <translation>数値が公表されていない国（集計外）: {countries}。</translation>
    </message>
    <message>
        <source>Listed with no production: {countries}.</source>
        <translation>生産量ゼロとして掲載：{countries}。</translation>
    </message>
    <message>
        <source>Search commodities (e.g. neodymium)</source>
        <translation>鉱種を検索（例: ネオジム）</translation>
    </message>
    <message>
        <source>Commodities</source>
        <translation>鉱種</translation>
    </message>
    <message>
        <source>Source: {citation}</source>
        <translation>出典: {citation}</translation>
    </message>
    <message>
        <source>Your purchases by origin</source>
        <translation>自社調達の原産国構成</translation>
    </message>
    <message>
        <source>Declared and effective mix</source>
        <translation>申告ベースと実質ベースの構成</translation>
    </message>
    <message>
        <source>Share of the commodity's daily purchase value by origin country.</source>
        <translation>この鉱種の 1 日あたり購入額に占める原産国別の比率です。</translation>
    </message>
    <message>
        <source>share of purchase value (%)</source>
        <translation>購入額に占める比率（%）</translation>
    </message>
    <message>
        <source>The effective mix is an estimate: supply of unknown origin (bought through a trader, or with the origin written as unknown) is spread over the producing countries by their share of world production.</source>
        <translation>実質ベースの構成は推定値です。原産国が不明な調達分（商社経由、または原産国を「不明」と記入したもの）を、世界の生産シェアに応じて生産国に按分しています。</translation>
    </message>
    <message>
        <source>In this project</source>
        <translation>このプロジェクトの鉱種</translation>
    </message>
    <message>
        <source>Other commodities</source>
        <translation>その他の鉱種</translation>
    </message>
    <message>
        <source>World production in {year} by country, from the USGS world production tables ({unit}).</source>
        <translation>{year} 年の国別の世界の生産（USGS 世界生産統計、単位: {unit}）</translation>
    </message>
    <message>
        <source>The USGS release has no world production table for this commodity.</source>
        <translation>USGS の公表データには、この鉱種の世界生産統計がありません。</translation>
    </message>
    <message>
        <source>World: the country's share of world production ({statistic}, {year}), which the effective mix is estimated from.</source>
        <translation>世界シェア: 実質ベースの推定に用いた世界の生産（{statistic}、{year} 年）に占める各国のシェアです。</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>数値を計算しています…</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>申告ベース</translation>
    </message>
    <message>
        <source>Effective (estimate)</source>
        <translation>実質ベース（推定）</translation>
    </message>
    <message>
        <source>The project buys no {commodity} with a purchase value (or its materials have no commodity).</source>
        <translation>このプロジェクトには、購入額のある{commodity}の調達がありません（または材料に鉱種が設定されていません）。</translation>
    </message>
    <message>
        <source>The project buys no {commodity} with a purchase value.</source>
        <translation>このプロジェクトには、購入額のある{commodity}の調達がありません。</translation>
    </message>
    <message>
        <source>Largest origin (effective): {country}, {share} of purchase value.</source>
        <translation>最大の原産国（実質ベース）: {country}、購入額の {share}</translation>
    </message>
    <message>
        <source>Declared: {country}, {share}.</source>
        <translation>申告ベース: {country}、{share}</translation>
    </message>
    <message>
        <source>G7 2030 goal (under {mark}): {state}</source>
        <translation>G7 2030 年目標（{mark} 未満）: {state}</translation>
    </message>
    <message>
        <source>G7 ambition (under {mark}): {state}</source>
        <translation>G7 努力目標（{mark} 未満）: {state}</translation>
    </message>
    <message>
        <source>EU cap (at most {mark}): {state}</source>
        <translation>EU 上限（{mark} 以下）: {state}</translation>
    </message>
    <message>
        <source>over</source>
        <translation>超過</translation>
    </message>
    <message>
        <source>within</source>
        <translation>範囲内</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新規作成(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty project</source>
        <translation>空のプロジェクトを作成します</translation>
    </message>
    <message>
        <source>New &amp;Template Workbook…</source>
        <translation>新規テンプレートブック(&amp;T)...</translation>
    </message>
    <message>
        <source>Write an empty template workbook to fill in, with instructions</source>
        <translation>記入用の空のテンプレートブック（記入方法付き）を作成します</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)...</translation>
    </message>
    <message>
        <source>Open a project file or a template workbook</source>
        <translation>プロジェクトファイルまたはテンプレートブックを開きます</translation>
    </message>
    <message>
        <source>Open fro&amp;m Server…</source>
        <translation>サーバーから開く(&amp;M)...</translation>
    </message>
    <message>
        <source>Open a project a team keeps on a PostgreSQL server</source>
        <translation>チームで共有しているサーバー上のプロジェクトを開きます</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>上書き保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>名前を付けて保存(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Import Workbook or CSV…</source>
        <translation>ブックまたは CSV の取り込み(&amp;I)...</translation>
    </message>
    <message>
        <source>Replace the project's data with a template workbook or CSV folder, after a preview of its problems</source>
        <translation>テンプレートブックまたは CSV フォルダーの問題を確認してから、プロジェクトのデータを置き換えます</translation>
    </message>
    <message>
        <source>Import CSV &amp;Folder…</source>
        <translation>CSV フォルダーの取り込み(&amp;F)...</translation>
    </message>
    <message>
        <source>Import another program's export (an ERP's workbook or CSV files): map its sheets and columns onto the template, with a preview of every problem</source>
        <translation>基幹システムなど他のシステムのエクスポート（ブックや CSV ファイル）を、シートと列をテンプレートに対応付けて取り込みます。すべての問題を事前に確認できます</translation>
    </message>
    <message>
        <source>Import &amp;with Mapping…</source>
        <translation>マッピングして取り込む(&amp;W)...</translation>
    </message>
    <message>
        <source>Monthl&amp;y Refresh…</source>
        <translation>月次更新(&amp;Y)...</translation>
    </message>
    <message>
        <source>Replace only the stock and open orders with this month's export, through its remembered mapping</source>
        <translation>記憶したマッピングで、今月のエクスポートから在庫と発注残だけを置き換えます</translation>
    </message>
    <message>
        <source>&amp;Export Template Workbook…</source>
        <translation>テンプレートブックの書き出し(&amp;E)...</translation>
    </message>
    <message>
        <source>Write the project as a template workbook (.xlsx)</source>
        <translation>プロジェクトをテンプレートブック（.xlsx）に書き出します</translation>
    </message>
    <message>
        <source>Change &amp;Log…</source>
        <translation>変更履歴(&amp;L)...</translation>
    </message>
    <message>
        <source>Who changed what and when, in a project opened from a server</source>
        <translation>サーバーから開いたプロジェクトについて、いつ誰が何を変更したかを表示します</translation>
    </message>
    <message>
        <source>Print Pre&amp;view…</source>
        <translation>印刷プレビュー(&amp;V)...</translation>
    </message>
    <message>
        <source>Preview the one-page exposure summary for management</source>
        <translation>経営層向けの 1 ページの供給リスクサマリーをプレビューします</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>印刷(&amp;P)...</translation>
    </message>
    <message>
        <source>Export Summary as P&amp;DF…</source>
        <translation>サマリーを PDF で書き出し(&amp;D)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>切り取り(&amp;T)</translation>
    </message>
    <message>
        <source>Copy the selected cells and clear them</source>
        <translation>選択したセルをコピーして、内容を消去します</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected cells, to paste here or into Excel</source>
        <translation>選択したセルをコピーします（このアプリや Excel に貼り付けられます）</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>Paste cells copied here or in Excel, from the current cell</source>
        <translation>このアプリや Excel でコピーしたセルを、現在のセルから貼り付けます</translation>
    </message>
    <message>
        <source>Fill Do&amp;wn</source>
        <translation>下方向へコピー(&amp;W)</translation>
    </message>
    <message>
        <source>Copy the first selected row's values into the selected rows below it</source>
        <translation>選択範囲の先頭行の値を、その下の選択した行にコピーします</translation>
    </message>
    <message>
        <source>&amp;Add Row</source>
        <translation>行の追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Delete Rows</source>
        <translation>行の削除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>検索(&amp;F)...</translation>
    </message>
    <message>
        <source>Next &amp;Problem</source>
        <translation>次の問題(&amp;P)</translation>
    </message>
    <message>
        <source>Go to the next cell with a problem</source>
        <translation>問題のある次のセルへ移動します</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>ガイド(&amp;G)</translation>
    </message>
    <message>
        <source>The glossary and the definitions of every figure</source>
        <translation>用語集とすべての数値の定義</translation>
    </message>
    <message>
        <source>&amp;About Stockpile Planner</source>
        <translation>Stockpile Planner について(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>テーマ(&amp;T)</translation>
    </message>
</context>
<context>
    <name>charts</name>
    <message>
        <source> d</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>own target</source>
        <translation>品目別目標</translation>
    </message>
    <message>
        <source>Days of cover against target</source>
        <translation>在庫日数と目標</translation>
    </message>
    <message>
        <source>days of cover (stock on hand ÷ daily use)</source>
        <translation>在庫日数（手持在庫 ÷ 日次使用量）</translation>
    </message>
    <message>
        <source>Most urgent first: critical, then short of target, then on target, each by days of cover.</source>
        <translation>緊急度の高い順（危険、目標未達、目標達成）に、それぞれ在庫日数の少ない順で表示します。</translation>
    </message>
    <message>
        <source>project target {days}</source>
        <translation>全体目標 {days}</translation>
    </message>
    <message>
        <source>▸ {count} bar(s) cut off at {limit}; their cover is written next to them</source>
        <translation>▸ {count} 本のバーを {limit} で打ち切り（在庫日数はバーの横に表示）</translation>
    </message>
    <message>
        <source>the {shown} most urgent of {count} material(s) shown</source>
        <translation>材料 {count} 件のうち、緊急度の高い {shown} 件を表示</translation>
    </message>
    <message>
        <source>Origin-country mix of supply</source>
        <translation>原産国別の調達構成</translation>
    </message>
    <message>
        <source>share of supply (%)</source>
        <translation>調達比率（%）</translation>
    </message>
    <message>
        <source>Most concentrated materials first; in each bar the largest origin country comes first.</source>
        <translation>集中度の高い材料から順に表示します。各バーでは比率の大きい原産国から並べています。</translation>
    </message>
    <message>
        <source>country cap {cap}</source>
        <translation>国別上限 {cap}</translation>
    </message>
    <message>
        <source>the {shown} most concentrated of {count} shown</source>
        <translation>{count} 件のうち、集中度の高い {shown} 件を表示</translation>
    </message>
    <message>
        <source>no sources</source>
        <translation>調達先なし</translation>
    </message>
    <message>
        <source>G7 2030 goal</source>
        <translation>G7 2030 年目標</translation>
    </message>
    <message>
        <source>G7 ambition</source>
        <translation>G7 努力目標</translation>
    </message>
    <message>
        <source>largest origin country's share of purchase value</source>
        <translation>最大原産国の購入額比率</translation>
    </message>
    <message>
        <source>total cost</source>
        <translation>総額</translation>
    </message>
    <message>
        <source>total cost ({currency})</source>
        <translation>総額（{currency}）</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The file</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <source>Something went wrong inside Stockpile Planner ({error}). Your data was not changed. Please report this.</source>
        <translation>Stockpile Planner の内部でエラーが発生しました（{error}）。データは変更されていません。この問題をご報告ください。</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>Supply exposure summary</source>
        <translation>供給リスクサマリー</translation>
    </message>
    <message>
        <source>the project has problems: see the Problems panel</source>
        <translation>プロジェクトに問題があります。問題パネルをご確認ください</translation>
    </message>
    <message>
        <source>the project is empty</source>
        <translation>プロジェクトが空です</translation>
    </message>
    <message>
        <source>There are no figures to print yet: {why}</source>
        <translation>印刷できる数値がまだありません：{why}</translation>
    </message>
    <message>
        <source>Preparing the summary</source>
        <translation>サマリーを準備しています</translation>
    </message>
    <message>
        <source>Print preview — supply exposure summary</source>
        <translation>印刷プレビュー — 供給リスクサマリー</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>印刷できませんでした</translation>
    </message>
    <message>
        <source>PDF not written</source>
        <translation>PDF を書き出せませんでした</translation>
    </message>
</context>
<context>
    <name>theme</name>
    <message>
        <source>Follow the &amp;Desktop</source>
        <translation>デスクトップの設定に合わせる(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>ライト(&amp;L)</translation>
    </message>
    <message>
        <source>Dar&amp;k</source>
        <translation>ダーク(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;High Contrast</source>
        <translation>ハイコントラスト(&amp;H)</translation>
    </message>
</context>
</TS>