module github.com/dospec/dospec/bench

go 1.26.0
