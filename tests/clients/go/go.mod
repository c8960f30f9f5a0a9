module hotloopclient

go 1.21
