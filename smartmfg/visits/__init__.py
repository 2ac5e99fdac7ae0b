"""On-site spot checks (现场抽查, 第九条) made and reported by experts."""
