package spectral

import (
	"maps"
	"slices"
)

// oasRules are the rules of spectral's spectral:oas ruleset (6.x) for
// OpenAPI 3: whether its recommended set holds them and their severity.
// A ruleset that extends spectral:oas gets dospec's own implementation of
// each rule dospec has (package lint maps them by id); the others are
// named as unsupported.
var oasRules = map[string]struct {
	recommended bool
	severity    int
}{
	"contact-properties":                   {false, Warning},
	"duplicated-entry-in-enum":             {true, Warning},
	"info-contact":                         {true, Warning},
	"info-description":                     {true, Warning},
	"info-license":                         {false, Warning},
	"license-url":                          {false, Warning},
	"no-eval-in-markdown":                  {true, Warning},
	"no-script-tags-in-markdown":           {true, Warning},
	"openapi-tags":                         {false, Warning},
	"openapi-tags-alphabetical":            {false, Warning},
	"openapi-tags-uniqueness":              {true, Error},
	"operation-description":                {true, Warning},
	"operation-operationId":                {true, Warning},
	"operation-operationId-unique":         {true, Error},
	"operation-operationId-valid-in-url":   {true, Warning},
	"operation-parameters":                 {true, Warning},
	"operation-singular-tag":               {false, Warning},
	"operation-success-response":           {true, Warning},
	"operation-tag-defined":                {true, Warning},
	"operation-tags":                       {true, Warning},
	"path-declarations-must-exist":         {true, Warning},
	"path-keys-no-trailing-slash":          {true, Warning},
	"path-not-include-query":               {true, Warning},
	"path-params":                          {true, Error},
	"tag-description":                      {false, Warning},
	"typed-enum":                           {true, Warning},
	"no-$ref-siblings":                     {true, Error},
	"array-items":                          {true, Error},
	"oas3-api-servers":                     {true, Warning},
	"oas3-examples-value-or-externalValue": {true, Warning},
	"oas3-operation-security-defined":      {true, Warning},
	"oas3-parameter-description":           {false, Warning},
	"oas3-schema":                          {true, Error},
	"oas3-server-not-example.com":          {false, Warning},
	"oas3-server-trailing-slash":           {true, Warning},
	"oas3-unused-component":                {true, Warning},
	"oas3-valid-media-example":             {true, Error},
	"oas3-valid-schema-example":            {true, Error},
	"oas3-server-variables":                {true, Error},
	"oas3-callbacks-in-callbacks":          {true, Warning},
	"oas3_1-servers-in-webhook":            {true, Warning},
	"oas3_1-callbacks-in-webhook":          {true, Warning},
	"oas3_2-no-deprecated-xml-attribute":   {true, Warning},
}

// OASRules names the rules of spectral:oas for OpenAPI 3, sorted.
func OASRules() []string {
	return slices.Sorted(maps.Keys(oasRules))
}
