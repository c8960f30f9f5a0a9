module hotloop.bench/article

go 1.21
