package bundler

import "strings"

// kind says what an OpenAPI object at a place in the document is, so a
// $ref there can be hoisted into the right components section or inlined.
type kind int

const (
	kGeneric kind = iota // any value: refs are inlined
	kDocument
	kPaths
	kPathItem
	kOperation
	kParameterList
	kParameter
	kRequestBody
	kResponses
	kResponse
	kMediaTypes
	kMediaType
	kEncodings
	kEncoding
	kHeaders
	kHeader
	kExamples
	kExample
	kLinks
	kLink
	kCallbacks
	kCallback
	kSchema
	kSchemaMap
	kSchemaList
	kDiscriminator
	kDiscriminatorMapping
	kComponents
	kSecuritySchemes
	kSecurityScheme
	kPathItems // 3.1 components/pathItems and webhooks
)

// section is the components section a $ref of this kind is hoisted into;
// "" means the referenced content is inlined where the $ref stood.
func (k kind) section() string {
	switch k {
	case kSchema:
		return "schemas"
	case kParameter:
		return "parameters"
	case kRequestBody:
		return "requestBodies"
	case kResponse:
		return "responses"
	case kHeader:
		return "headers"
	case kExample:
		return "examples"
	case kLink:
		return "links"
	case kCallback:
		return "callbacks"
	case kSecurityScheme:
		return "securitySchemes"
	}
	return ""
}

// sectionOrder is the order new components sections are added in.
var sectionOrder = []string{"schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks"}

var componentSections = map[string]kind{
	"schemas":         kSchemaMap,
	"responses":       kResponses,
	"parameters":      kParameterMapOf,
	"examples":        kExamples,
	"requestBodies":   kRequestBodyMapOf,
	"headers":         kHeaders,
	"securitySchemes": kSecuritySchemes,
	"links":           kLinks,
	"callbacks":       kCallbacks,
	"pathItems":       kPathItems,
}

// Maps whose values are all of one kind, used only for components sections.
const (
	kParameterMapOf kind = 100 + iota
	kRequestBodyMapOf
)

var operationKeys = map[string]bool{
	"get": true, "put": true, "post": true, "delete": true,
	"options": true, "head": true, "patch": true, "trace": true, "query": true,
}

// child is the kind of the value under key in a mapping of kind k (for
// sequences key is "").
func (k kind) child(key string) kind {
	if strings.HasPrefix(key, "x-") && k != kSchemaMap && k != kMediaTypes && k != kExamples && k != kHeaders {
		return kGeneric
	}
	switch k {
	case kDocument:
		switch key {
		case "paths":
			return kPaths
		case "components":
			return kComponents
		case "webhooks":
			return kPathItems
		}
	case kPaths, kPathItems, kCallback:
		return kPathItem
	case kPathItem:
		if operationKeys[key] {
			return kOperation
		}
		if key == "parameters" {
			return kParameterList
		}
	case kOperation:
		switch key {
		case "parameters":
			return kParameterList
		case "requestBody":
			return kRequestBody
		case "responses":
			return kResponses
		case "callbacks":
			return kCallbacks
		}
	case kParameterList:
		return kParameter
	case kParameter, kHeader:
		switch key {
		case "schema":
			return kSchema
		case "content":
			return kMediaTypes
		case "examples":
			return kExamples
		}
	case kRequestBody:
		if key == "content" {
			return kMediaTypes
		}
	case kResponses:
		return kResponse
	case kResponse:
		switch key {
		case "headers":
			return kHeaders
		case "content":
			return kMediaTypes
		case "links":
			return kLinks
		}
	case kMediaTypes:
		return kMediaType
	case kMediaType:
		switch key {
		case "schema":
			return kSchema
		case "examples":
			return kExamples
		case "encoding":
			return kEncodings
		}
	case kEncodings:
		return kEncoding
	case kEncoding:
		if key == "headers" {
			return kHeaders
		}
	case kHeaders:
		return kHeader
	case kExamples:
		return kExample
	case kLinks:
		return kLink
	case kCallbacks:
		return kCallback
	case kSchemaMap:
		return kSchema
	case kSchemaList:
		return kSchema
	case kSchema:
		switch key {
		case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas":
			return kSchemaMap
		case "items", "additionalProperties", "not", "contains", "propertyNames",
			"if", "then", "else", "unevaluatedItems", "unevaluatedProperties", "additionalItems":
			return kSchema
		case "allOf", "oneOf", "anyOf", "prefixItems":
			return kSchemaList
		case "discriminator":
			return kDiscriminator
		}
	case kDiscriminator:
		if key == "mapping" {
			return kDiscriminatorMapping
		}
	case kComponents:
		if c, ok := componentSections[key]; ok {
			return c
		}
	case kSecuritySchemes:
		return kSecurityScheme
	case kParameterMapOf:
		return kParameter
	case kRequestBodyMapOf:
		return kRequestBody
	}
	return kGeneric
}
