"""The expert pool (专家库), conflicts (回避), the draw (随机抽取) and the assignment (分配) of 第九条."""
