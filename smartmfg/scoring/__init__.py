"""The experts' scoring of 第九条: scoring sheets, each expert's scores, the panel's conclusion."""
