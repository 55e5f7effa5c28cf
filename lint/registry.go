package lint

import "github.com/dospec/dospec/spec"

// registry is every rule, in the order --list-rules shows them.
var registry = []*Rule{
	// DigitalOcean's ruleset.
	ratelimitHeaders,
	propertiesMustIncludeExamples,
	paramsMustIncludeExamples,
	headersMustIncludeExamples,
	endpointMustBeRef,
	pathMustIncludeVersion,
	endpointRefMustBeFile,
	commonResponse("common-responses-unauthorized", "401", "unauthorized", false),
	commonResponse("common-responses-not-found", "404", "not found", true),
	commonResponse("common-responses-too-many-requests", "429", "too many requests", false),
	commonResponse("common-responses-server-error", "500", "server error", false),
	arrayPropertiesItemsType,
	arrayParamsItemsType,
	operationIDNaming,
	snakeCaseRule("schema-key-must-be-snake-cased", "schemas", spec.KindSchema),
	snakeCaseRule("parameter-key-must-be-snake-cased", "parameters", spec.KindParameter),
	snakeCaseRule("example-key-must-be-snake-cased", "examples", spec.KindExample),
	snakeCaseRule("response-key-must-be-snake-cased", "responses", spec.KindResponse),
	schemaPropertiesHaveType,
	operationSecurityDefined,
	operationSecuritySchemesDefined,
	// Tags.
	operationTags,
	operationTagDefined,
	tagUnused,
	tagsUnique,
	tagDescription,
	tagsAlphabetical,
	// Security scopes.
	scopesPresent,
	scopeFormatRule,
	scopeAction,
	scopeResourceConsistent,
	scopeSingleUse,
	// Descriptions.
	infoDescription,
	opTextRule("operation-description", "description", "Every operation has a description"),
	opTextRule("operation-summary", "summary", "Every operation has a summary"),
	parameterDescription,
	propertyDescription,
	descriptionPlaceholder,
	descriptionNoScript,
	descriptionMarkdownLinks,
	// spectral's oas built-ins.
	operationIDPresent,
	operationIDUnique,
	operationIDValidInURL,
	pathParams,
	noTrailingSlash,
	noQueryInPath,
	successResponse,
	serversPresent,
	typedEnum,
	enumDuplicates,
	validMediaExample,
	validSchemaExample,
	unusedComponent,
	noRefSiblings,
	refHashInName,
}

// Rules lists every rule.
func Rules() []*Rule { return registry }

// Lookup finds a rule by id.
func Lookup(id string) *Rule {
	for _, r := range registry {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// IDs lists every rule's id, in registry order.
func IDs() []string {
	out := make([]string, len(registry))
	for i, r := range registry {
		out[i] = r.ID
	}
	return out
}
