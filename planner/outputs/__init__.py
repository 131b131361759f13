"""The outputs: text and JSON reports, workbooks, the summary's figures."""
