package diff

import (
	"strings"

	yaml "github.com/pb33f/go-yaml"

	"github.com/dospec/dospec/spec"
)

// Each check is a value (check_*.go, grouped by what it looks at); this is
// the one registry, in the order --list-checks and README's table show them.
var registry = []*Check{
	// Operations.
	operationRemoved,
	deprecatedOperationRemoved,
	operationAdded,
	operationIDChanged,
	operationDeprecated,
	pathParameterRenamed,
	webhookRemoved,
	webhookAdded,
	callbackRemoved,
	callbackAdded,
	stabilityDecreased,
	operationRemovedBeforeSunset,
	sunsetMovedEarlier,
	apiVersionChanged,
	operationTagRemoved,
	parameterRemovedBeforeSunset,
	operationTagAdded,
	// Parameters.
	requestRequiredParameterAdded,
	requestParameterAdded,
	requestParameterRemoved,
	requestParameterBecameRequired,
	requestParameterStyleChanged,
	requestParameterAllowReservedRemoved,
	// Request bodies and media types.
	requestBodyAddedRequired,
	requestBodyRemoved,
	requestMediaTypeRemoved,
	responseMediaTypeRemoved,
	// Responses and headers.
	responseSuccessStatusRemoved,
	responseStatusRemoved,
	responseStatusAdded,
	responseHeaderRemoved,
	responseHeaderBecameOptional,
	responseHeaderAdded,
	// Schemas.
	typeChanged,
	typeWidened,
	requestEnumValueRemoved,
	responseEnumValueAdded,
	enumValueAdded,
	responseEnumValueRemoved,
	responseBecameNullable,
	requestBecameNotNullable,
	requestMaxLengthNarrowed,
	requestMinLengthNarrowed,
	requestMaximumNarrowed,
	requestMinimumNarrowed,
	requestMaxItemsNarrowed,
	requestMinItemsNarrowed,
	requestExclusiveMaximumNarrowed,
	requestExclusiveMinimumNarrowed,
	requestMaxPropertiesNarrowed,
	requestMinPropertiesNarrowed,
	requestMaxContainsNarrowed,
	requestMinContainsNarrowed,
	requestMultipleOfChanged,
	requestUniqueItemsAdded,
	requestPatternNarrowed,
	responseLimitWidened,
	schemaDeprecated,
	requestParameterDefaultChanged,
	defaultChanged,
	constChanged,
	// Assertions compared as a whole.
	requestConstraintAdded,
	responseConstraintRemoved,
	constraintRelaxed,
	// Composition.
	requestVariantRemoved,
	responseVariantAdded,
	variantRelaxed,
	wrappedInOneOf,
	requestAnyOfBecameOneOf,
	compositionKeywordChanged,
	discriminatorPropertyChanged,
	discriminatorMappingChanged,
	// Properties.
	requestRequiredPropertyAdded,
	requestPropertyBecameRequired,
	requestPropertyRemoved,
	responsePropertyRemoved,
	responsePropertyBecameOptional,
	propertyAdded,
	propertyRenamed,
	requestPropertyBecameReadOnly,
	responsePropertyBecameWriteOnly,
	// Security.
	securityRequirementAdded,
	securityScopeAdded,
	securityScopeRemoved,
	securitySchemeChanged,
	securitySchemeFlowRemoved,
	securitySchemeURLChanged,
	securitySchemeAddedOrRemoved,
	// Texts.
	descriptionChanged,
}

// Checks lists every check, in the order --list-checks shows them.
func Checks() []*Check { return registry }

// CheckIDs lists every check's id, in registry order.
func CheckIDs() []string {
	out := make([]string, len(registry))
	for i, c := range registry {
		out[i] = c.ID
	}
	return out
}

// LookupCheck finds a check by id.
func LookupCheck(id string) *Check {
	for _, c := range registry {
		if c.ID == id {
			return c
		}
	}
	return nil
}

func isTrue(n side, key string) bool {
	if !n.ok() {
		return false
	}
	v, _ := spec.ScalarString(spec.Get(n.Node.Node, key))
	return v == "true"
}

func str(n side, key string) string {
	if !n.ok() {
		return ""
	}
	v, _ := spec.ScalarString(spec.Get(n.Node.Node, key))
	return v
}

func success(code string) bool {
	return len(code) == 3 && code[0] == '2' || strings.EqualFold(code, "2XX")
}

// reportAt reports with explicit nodes for the two positions (nil keeps
// the pair's own).
func (c *ctx) reportAt(p *pair, bf *spec.File, bn *yaml.Node, hf *spec.File, hn *yaml.Node, format string, args ...any) {
	ch := c.report(p, format, args...)
	if bf != nil && bn != nil {
		pos := bf.Pos(bn)
		ch.Base = &pos
	}
	if hf != nil && hn != nil {
		pos := hf.Pos(hn)
		ch.Head = &pos
	}
}

// enumMissing lists the values of a's enum that b's lacks.
func enumMissing(a, b *flat) []*yaml.Node { return missing(a.enum, b.enum) }

// missing lists the values of list a that list b lacks; nothing when
// either is empty (no list is no restriction).
func missing(a, b []*yaml.Node) []*yaml.Node {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	have := map[string]bool{}
	for _, v := range b {
		have[v.Value] = true
	}
	var out []*yaml.Node
	for _, v := range a {
		if !have[v.Value] {
			out = append(out, v)
		}
	}
	return out
}
