package spec

import "strings"

// Kind says what an OpenAPI object at a place in the document is, so a
// $ref there can be hoisted into the right components section or inlined.
type Kind int

const (
	KindGeneric Kind = iota // any value: refs are inlined
	KindDocument
	KindPaths
	KindPathItem
	KindOperation
	KindParameterList
	KindParameter
	KindRequestBody
	KindResponses
	KindResponse
	KindMediaTypes
	KindMediaType
	KindEncodings
	KindEncoding
	KindHeaders
	KindHeader
	KindExamples
	KindExample
	KindLinks
	KindLink
	KindCallbacks
	KindCallback
	KindSchema
	KindSchemaMap
	KindSchemaList
	KindDiscriminator
	KindDiscriminatorMapping
	KindComponents
	KindSecuritySchemes
	KindSecurityScheme
	KindPathItems // 3.1 components/pathItems and webhooks
)

// Section is the components section a $ref of this Kind is hoisted into;
// "" means the referenced content is inlined where the $ref stood.
func (k Kind) Section() string {
	switch k {
	case KindSchema:
		return "schemas"
	case KindParameter:
		return "parameters"
	case KindRequestBody:
		return "requestBodies"
	case KindResponse:
		return "responses"
	case KindHeader:
		return "headers"
	case KindExample:
		return "examples"
	case KindLink:
		return "links"
	case KindCallback:
		return "callbacks"
	case KindSecurityScheme:
		return "securitySchemes"
	}
	return ""
}

// SectionOrder is the order new components sections are added in.
var SectionOrder = []string{"schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks"}

var componentSections = map[string]Kind{
	"schemas":         KindSchemaMap,
	"responses":       KindResponses,
	"parameters":      KindParameterMapOf,
	"examples":        KindExamples,
	"requestBodies":   KindRequestBodyMapOf,
	"headers":         KindHeaders,
	"securitySchemes": KindSecuritySchemes,
	"links":           KindLinks,
	"callbacks":       KindCallbacks,
	"pathItems":       KindPathItems,
}

// Maps whose values are all of one Kind, used only for components sections.
const (
	KindParameterMapOf Kind = 100 + iota
	KindRequestBodyMapOf
)

var OperationKeys = map[string]bool{
	"get": true, "put": true, "post": true, "delete": true,
	"options": true, "head": true, "patch": true, "trace": true, "query": true,
}

// child is the Kind of the value under key in a mapping of Kind k (for
// sequences key is "").
func (k Kind) Child(key string) Kind {
	if strings.HasPrefix(key, "x-") && k != KindSchemaMap && k != KindMediaTypes && k != KindExamples && k != KindHeaders {
		return KindGeneric
	}
	switch k {
	case KindDocument:
		switch key {
		case "paths":
			return KindPaths
		case "components":
			return KindComponents
		case "webhooks":
			return KindPathItems
		}
	case KindPaths, KindPathItems, KindCallback:
		return KindPathItem
	case KindPathItem:
		if OperationKeys[key] {
			return KindOperation
		}
		if key == "parameters" {
			return KindParameterList
		}
	case KindOperation:
		switch key {
		case "parameters":
			return KindParameterList
		case "requestBody":
			return KindRequestBody
		case "responses":
			return KindResponses
		case "callbacks":
			return KindCallbacks
		}
	case KindParameterList:
		return KindParameter
	case KindParameter, KindHeader:
		switch key {
		case "schema":
			return KindSchema
		case "content":
			return KindMediaTypes
		case "examples":
			return KindExamples
		}
	case KindRequestBody:
		if key == "content" {
			return KindMediaTypes
		}
	case KindResponses:
		return KindResponse
	case KindResponse:
		switch key {
		case "headers":
			return KindHeaders
		case "content":
			return KindMediaTypes
		case "links":
			return KindLinks
		}
	case KindMediaTypes:
		return KindMediaType
	case KindMediaType:
		switch key {
		case "schema":
			return KindSchema
		case "examples":
			return KindExamples
		case "encoding":
			return KindEncodings
		}
	case KindEncodings:
		return KindEncoding
	case KindEncoding:
		if key == "headers" {
			return KindHeaders
		}
	case KindHeaders:
		return KindHeader
	case KindExamples:
		return KindExample
	case KindLinks:
		return KindLink
	case KindCallbacks:
		return KindCallback
	case KindSchemaMap:
		return KindSchema
	case KindSchemaList:
		return KindSchema
	case KindSchema:
		switch key {
		case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas":
			return KindSchemaMap
		case "items", "additionalProperties", "not", "contains", "propertyNames",
			"if", "then", "else", "unevaluatedItems", "unevaluatedProperties", "additionalItems":
			return KindSchema
		case "allOf", "oneOf", "anyOf", "prefixItems":
			return KindSchemaList
		case "discriminator":
			return KindDiscriminator
		}
	case KindDiscriminator:
		if key == "mapping" {
			return KindDiscriminatorMapping
		}
	case KindComponents:
		if c, ok := componentSections[key]; ok {
			return c
		}
	case KindSecuritySchemes:
		return KindSecurityScheme
	case KindParameterMapOf:
		return KindParameter
	case KindRequestBodyMapOf:
		return KindRequestBody
	}
	return KindGeneric
}
