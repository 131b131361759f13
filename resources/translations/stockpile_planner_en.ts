<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ChangeLogDialog</name>
    <message numerus="yes">
        <source>%n change(s) shown, newest first.</source>
        <translation>
            <numerusform>%n change shown, newest first.</numerusform><numerusform>%n changes shown, newest first.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform><numerusform>%n rows</numerusform></translation>
    </message>
</context>
<context>
    <name>CodesPane</name>
    <message numerus="yes">
        <source>{code} (%n row(s))</source>
        <translation>
            <numerusform>{code} (%n row)</numerusform><numerusform>{code} (%n rows)</numerusform></translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message numerus="yes">
        <source>%n change(s) kept while the server was away were refused: someone changed those rows first. They are kept under Refused changes.</source>
        <translation>
            <numerusform>%n change kept while the server was away was refused: someone changed its row first. It is kept under Refused changes.</numerusform><numerusform>%n changes kept while the server was away were refused: someone changed those rows first. They are kept under Refused changes.</numerusform></translation>
    </message>
</context>
<context>
    <name>ExposureMap</name>
    <message numerus="yes">
        <source>{count} material(s) without demand or sources not shown</source>
        <translation>
            <numerusform>{count} material without demand or sources not shown</numerusform><numerusform>{count} materials without demand or sources not shown</numerusform></translation>
    </message>
</context>
<context>
    <name>FileController</name>
    <message numerus="yes">
        <source>The server cannot be reached, and %n change(s) to {name} have not reached it yet. Save the project to a file before closing it, so that nothing is lost?</source>
        <translation>
            <numerusform>The server cannot be reached, and %n change to {name} has not reached it yet. Save the project to a file before closing it, so that nothing is lost?</numerusform><numerusform>The server cannot be reached, and %n changes to {name} have not reached it yet. Save the project to a file before closing it, so that nothing is lost?</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The server still cannot be reached: %n change(s) are kept and will be saved once it is back.</source>
        <translation>
            <numerusform>The server still cannot be reached: %n change is kept and will be saved once it is back.</numerusform><numerusform>The server still cannot be reached: %n changes are kept and will be saved once it is back.</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message numerus="yes">
        <source>&lt;b&gt;{file}&lt;/b&gt; has {count} problem(s). Nothing will be imported until they are fixed in the workbook.</source>
        <translation>
            <numerusform>&lt;b&gt;{file}&lt;/b&gt; has {count} problem. Nothing will be imported until they are fixed in the workbook.</numerusform><numerusform>&lt;b&gt;{file}&lt;/b&gt; has {count} problems. Nothing will be imported until they are fixed in the workbook.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{count} error(s)</source>
        <translation>
            <numerusform>{count} error</numerusform><numerusform>{count} errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{count} warning(s)</source>
        <translation>
            <numerusform>{count} warning</numerusform><numerusform>{count} warnings</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform><numerusform>%n problems</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform><numerusform>%n warnings</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Wrote {file} (%n page(s))</source>
        <translation>
            <numerusform>Wrote {file} (%n page)</numerusform><numerusform>Wrote {file} (%n pages)</numerusform></translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message numerus="yes">
        <source>{count} problem(s), each at its sheet and cell of the export: nothing is imported until they are fixed here (or in the export). Click one to see it in the preview.</source>
        <translation>
            <numerusform>{count} problem, at its sheet and cell of the export: nothing is imported until it is fixed here (or in the export). Click it to see it in the preview.</numerusform><numerusform>{count} problems, each at its sheet and cell of the export: nothing is imported until they are fixed here (or in the export). Click one to see it in the preview.</numerusform></translation>
    </message>
</context>
<context>
    <name>ScenarioPage</name>
    <message numerus="yes">
        <source>%n more alternate(s) in the Alternates tab.</source>
        <translation>
            <numerusform>%n more alternate in the Alternates tab.</numerusform><numerusform>%n more alternates in the Alternates tab.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Look-through: part of the hit on {count} of the %n material(s) comes from origins you do not know, spread over the world's producers; the most is {share} of the supply of {name}. An estimate.</source>
        <translation>
            <numerusform>Look-through: part of the hit on {count} of the %n material comes from origins you do not know, spread over the world's producers; the most is {share} of the supply of {name}. An estimate.</numerusform><numerusform>Look-through: part of the hit on {count} of the %n materials comes from origins you do not know, spread over the world's producers; the most is {share} of the supply of {name}. An estimate.</numerusform></translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message numerus="yes">
        <source>Connected to {server}: %n project(s).</source>
        <translation>
            <numerusform>Connected to {server}: %n project.</numerusform><numerusform>Connected to {server}: %n projects.</numerusform></translation>
    </message>
</context>
<context>
    <name>StockCurves</name>
    <message numerus="yes">
        <source>{count} hit material(s) without demand not drawn.</source>
        <translation>
            <numerusform>{count} hit material without demand not drawn.</numerusform><numerusform>{count} hit materials without demand not drawn.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{count} line(s) go above the axis.</source>
        <translation>
            <numerusform>{count} line goes above the axis.</numerusform><numerusform>{count} lines go above the axis.</numerusform></translation>
    </message>
</context>
<context>
    <name>StockpilePage</name>
    <message numerus="yes">
        <source>%n stop(s) weighed</source>
        <translation>
            <numerusform>%n stop weighed</numerusform><numerusform>%n stops weighed</numerusform></translation>
    </message>
</context>
<context>
    <name>StopControls</name>
    <message numerus="yes">
        <source>{name} ({code}) · {count} material(s)</source>
        <translation>
            <numerusform>{name} ({code}) · {count} material</numerusform><numerusform>{name} ({code}) · {count} materials</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{title} · {count} material(s)</source>
        <translation>
            <numerusform>{title} · {count} material</numerusform><numerusform>{title} · {count} materials</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{count} material(s)</source>
        <translation>
            <numerusform>{count} material</numerusform><numerusform>{count} materials</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{count} supplier(s)</source>
        <translation>
            <numerusform>{count} supplier</numerusform><numerusform>{count} suppliers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>For %n material(s), a part comes from look-through (an origin you do not know, spread over the world's producers).</source>
        <translation>
            <numerusform>For %n material, a part comes from look-through (an origin you do not know, spread over the world's producers).</numerusform><numerusform>For %n materials, a part comes from look-through (an origin you do not know, spread over the world's producers).</numerusform></translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message numerus="yes">
        <source>{shown} of {count} row(s)</source>
        <translation>
            <numerusform>{shown} of {count} row</numerusform><numerusform>{shown} of {count} rows</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{count} row(s)</source>
        <translation>
            <numerusform>{count} row</numerusform><numerusform>{count} rows</numerusform></translation>
    </message>
</context>
<context>
    <name>TeamSync</name>
    <message numerus="yes">
        <source>The server is back: the %n change(s) kept meanwhile are saved.</source>
        <translation>
            <numerusform>The server is back: the %n change kept meanwhile is saved.</numerusform><numerusform>The server is back: the %n changes kept meanwhile are saved.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The server cannot be reached: %n change(s) kept, saved once it is back.</source>
        <translation>
            <numerusform>The server cannot be reached: %n change kept, saved once it is back.</numerusform><numerusform>The server cannot be reached: %n changes kept, saved once it is back.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from other desks; the last: {change}</source>
        <translation>
            <numerusform>%n change from other desks: {change}</numerusform><numerusform>%n changes from other desks; the last: {change}</numerusform></translation>
    </message>
</context>
</TS>