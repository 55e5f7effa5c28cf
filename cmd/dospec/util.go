package main

import "errors"

func isExitError(err error) bool {
	var ee *exitError
	return errors.As(err, &ee)
}
