package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dospec/dospec/internal/suggest"
	"github.com/dospec/dospec/spec"
)

// The rulesets a config can extend. recommended is the default: generic
// OpenAPI hygiene (spectral's oas rules, tags, descriptions). digitalocean
// is DigitalOcean's house style, with the meaning of DO's own spectral
// ruleset. all is every rule.
const (
	Recommended  = "recommended"
	DigitalOcean = "digitalocean"
	All          = "all"
)

// Rulesets names the rulesets, in the order --list-rules shows them.
var Rulesets = []string{Recommended, DigitalOcean, All}

// DefaultExtends is what a config without extends uses.
var DefaultExtends = []string{Recommended}

// spectralAliases maps ids spectral users know to the dospec rule that
// does the same, so a config written for spectral names the right rule.
var spectralAliases = map[string]string{
	"no-script-tags-in-markdown": "description-no-script",
	"no-eval-in-markdown":        "description-no-script",
}

// registry is every rule, in the order --list-rules shows them. Two rules
// may share an id when two rulesets define it differently (spectral's
// oas3-operation-security-defined and DigitalOcean's); the one of the
// ruleset extended last wins, as in spectral.
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
	doOperationSecurityDefined,
	operationSecuritySchemesDefined,
	// Security scopes (DigitalOcean's resource:action style).
	scopesPresent,
	scopeFormatRule,
	scopeAction,
	scopeResourceConsistent,
	scopeSingleUse,
	// Tags.
	operationTags,
	operationTagDefined,
	tagUnused,
	tagsUnique,
	tagDescription,
	tagsAlphabetical,
	operationSingularTag,
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
	operationSecurityDefined,
	oasSchema,
	invalidRef,
	parserRule,
	validSchemaDefault,
	arrayItems,
	operationParameters,
	serverVariables,
	infoContact,
	contactProperties,
	infoLicense,
	licenseURL,
	openapiTags,
	pathDeclarationsExist,
	serverNotExample,
	serverTrailingSlash,
	examplesValueOrExternal,
	xmlAttributeDeprecated,
	callbacksInCallbacks,
	serversInWebhook,
	callbacksInWebhook,
}

// sets says which rulesets each rule belongs to (all holds every rule).
var sets = map[*Rule][]string{}

func init() {
	for i, r := range registry {
		switch {
		case i < doRuleCount:
			sets[r] = []string{DigitalOcean}
		case optIn[r.ID]:
			sets[r] = nil // all, or a severity in rules, turns it on
		default:
			sets[r] = []string{Recommended}
		}
	}
}

// optIn are the rules no ruleset but all holds: dospec's own stricter
// checks, and the spectral:oas rules spectral's recommended set leaves out.
var optIn = map[string]bool{
	"property-description": true, "description-no-placeholder": true, "description-markdown-links": true,
	"info-license": true, "license-url": true, "openapi-tags": true, "oas3-server-not-example.com": true,
	"contact-properties": true, "operation-singular-tag": true,
}

// doRuleCount is how many rules open the registry as DigitalOcean's: the
// 21 of DO's spectral ruleset and the scope rules of its house style.
const doRuleCount = 26

// RuleSets lists the rulesets that enable r (all is left out: it holds every rule).
func RuleSets(r *Rule) []string { return sets[r] }

// Rules lists every rule.
func Rules() []*Rule { return registry }

// Lookup finds a rule by id (or a spectral alias of it); for an id two
// rulesets define, the first (recommended's) variant.
func Lookup(id string) *Rule {
	if to, ok := spectralAliases[id]; ok {
		id = to
	}
	vs := Variants(id)
	for _, r := range vs {
		if slices.Contains(sets[r], Recommended) {
			return r
		}
	}
	if len(vs) > 0 {
		return vs[0]
	}
	return nil
}

// Variants lists every rule registered under id.
func Variants(id string) []*Rule {
	var out []*Rule
	for _, r := range registry {
		if r.ID == id {
			out = append(out, r)
		}
	}
	return out
}

// IDs lists every rule id once, in registry order.
func IDs() []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range registry {
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r.ID)
		}
	}
	return out
}

// Resolve lists the rules the rulesets enable, in registry order, one per
// id: for an id several rulesets define, that of the ruleset named last.
func Resolve(extends []string) ([]*Rule, error) {
	pick := map[string]*Rule{}
	for _, set := range extends {
		if !slices.Contains(Rulesets, set) {
			return nil, fmt.Errorf("unknown ruleset %q%s (rulesets: %s)", set, suggest.Hint(set, Rulesets), strings.Join(Rulesets, ", "))
		}
		for _, r := range registry {
			switch {
			case set == All:
				// Every rule; for an id two rulesets define, the generic one.
				if pick[r.ID] == nil || r == Lookup(r.ID) {
					pick[r.ID] = r
				}
			case slices.Contains(sets[r], set):
				pick[r.ID] = r
			}
		}
	}
	var out []*Rule
	for _, id := range IDs() {
		if r := pick[id]; r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}
