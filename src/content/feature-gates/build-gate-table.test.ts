import { describe, expect, it } from 'vitest'
import { buildGateTable } from './build-gate-table.js'

// Shaped like pkg/features/kube_features.go since 1.33 (versioned specs, staging references)
const VERSIONED = `package features

import (
	genericfeatures "k8s.io/apiserver/pkg/features"
	schedulerfeatures "k8s.io/kube-scheduler/pkg/features"
)

const (
	// owner: @szuecs
	//
	// Enable nodes to change CPUCFSQuotaPeriod
	CPUCFSQuotaPeriod featuregate.Feature = "CustomCPUCFSQuotaPeriod"

	// owner: @pohly
	DynamicResourceAllocation featuregate.Feature = schedulerfeatures.DynamicResourceAllocation

	ReloadKubeletClientCAFile = "ReloadKubeletClientCAFile"

	SystemdWatchdog = featuregate.Feature("SystemdWatchdog")
)

var defaultVersionedKubernetesFeatureGates = map[featuregate.Feature]featuregate.VersionedSpecs{
	CPUCFSQuotaPeriod: {
		{Version: version.MustParse("1.12"), Default: false, PreRelease: featuregate.Alpha},
		// see https://github.com/kubernetes/kubernetes/pull/136339 for full context
		{Version: version.MustParse("1.36"), Default: true, PreRelease: featuregate.GA}, // LockToDefault in 1.37
	},

	DynamicResourceAllocation: {
		{Version: version.MustParse("1.26"), Default: false, PreRelease: featuregate.Alpha},
		{Version: version.MustParse("1.32"), Default: false, PreRelease: featuregate.Beta},
		{Version: version.MustParse("1.34"), Default: true, PreRelease: featuregate.GA},
		{Version: version.MustParse("1.35"), Default: true, PreRelease: featuregate.GA, LockToDefault: true},
	},

	ReloadKubeletClientCAFile: {
		{Version: version.MustParse("1.36"), Default: true, PreRelease: featuregate.Beta},
	},
	SystemdWatchdog: {
		{Version: version.MustParse("1.32"), Default: true, PreRelease: featuregate.Beta},
		{Version: version.MustParse("1.35"), Default: true, LockToDefault: true, PreRelease: featuregate.GA},
	},

	genericfeatures.FractionalThing: {
		{Version: version.MustParse("1.37"), Default: false, PreRelease: featuregate.Beta},
		{Version: version.MustParse("1.37"), Default: true, PreRelease: featuregate.Beta, MinCompatibilityVersion: version.MustParse("1.37")},
	},
}

var defaultKubernetesFeatureGateDependencies = map[featuregate.Feature][]featuregate.Feature{
	CPUCFSQuotaPeriod: {},
	DynamicResourceAllocation: {genericfeatures.FractionalThing},
}
`

const SCHEDULER = `package features

const (
	DynamicResourceAllocation featuregate.Feature = "DynamicResourceAllocation"
)
`

// Shaped like the 1.30 files: one current spec per gate, history only in the comments
const UNVERSIONED = `package features

const (
	// owner: @ttakahashi21 @mkimuram
	// kep: https://kep.k8s.io/3294
	// alpha: v1.26
	//
	// Enable usage of Provision of PVCs from snapshots in other namespaces
	CrossNamespaceVolumeDataSource featuregate.Feature = "CrossNamespaceVolumeDataSource"

	// owner: @nabokihms
	// alpha: v1.26
	// beta: v1.27
	// GA: v1.28
	APISelfSubjectReview featuregate.Feature = "APISelfSubjectReview"

	// owner: @pohly
	ContextualLogging featuregate.Feature = "ContextualLogging"

	contextualLoggingDefault = false
)

var defaultKubernetesFeatureGates = map[featuregate.Feature]featuregate.FeatureSpec{
	CrossNamespaceVolumeDataSource: {Default: false, PreRelease: featuregate.Alpha},

	APISelfSubjectReview: {Default: true, PreRelease: featuregate.GA, LockToDefault: true}, // remove in 1.30

	ContextualLogging: {Default: contextualLoggingDefault, PreRelease: featuregate.Alpha},

	// inherited features from client-go, relisted here to get a conflict if it is changed
	featuregate.Feature(clientfeatures.WatchListClient): {Default: false, PreRelease: featuregate.Beta},
}
`

// client-go declares its own Feature and FeatureSpec types
const CLIENT_GO = `package features

const (
	// owner: @p0lyn0mial
	// beta: v1.30
	WatchListClient Feature = "WatchListClient"
)

var defaultKubernetesFeatureGates = map[Feature]FeatureSpec{
	WatchListClient: {Default: false, PreRelease: Beta},
}
`

describe('the feature-gate generator', () => {
  it('reads versioned specs (1.31+), names gates by their const and follows references into staging', () => {
    const { gates, warnings } = buildGateTable([{ path: 'pkg/features/kube_features.go', text: VERSIONED }, { path: 'staging/src/k8s.io/kube-scheduler/pkg/features/kube_features.go', text: SCHEDULER }], { fallbackSince: '1.38' })
    expect(Object.keys(gates)).toEqual(['CustomCPUCFSQuotaPeriod', 'DynamicResourceAllocation', 'FractionalThing', 'ReloadKubeletClientCAFile', 'SystemdWatchdog'])
    expect(gates.CustomCPUCFSQuotaPeriod).toEqual([{ since: '1.12', stage: 'ALPHA', default: false, locked: false }, { since: '1.36', stage: 'GA', default: true, locked: false }])
    expect(gates.DynamicResourceAllocation.map((s) => `${s.since} ${s.stage}${s.locked ? ' locked' : ''}`)).toEqual(['1.26 ALPHA', '1.32 BETA', '1.34 GA', '1.35 GA locked'])
    expect(gates.SystemdWatchdog.at(-1)).toEqual({ since: '1.35', stage: 'GA', default: true, locked: true })
    // two specs at one minor: the later (its MinCompatibilityVersion met) stands; MinCompatibilityVersion is not the spec's Version
    expect(gates.FractionalThing).toEqual([{ since: '1.37', stage: 'BETA', default: true, locked: false }])
    expect(warnings).toEqual(['genericfeatures: no const found in the files read for 1 gate(s), named after their identifiers: FractionalThing'])
  })

  it('reads unversioned specs (before 1.31) with since from the // alpha: notes, else the checkout\'s minor', () => {
    const { gates, warnings } = buildGateTable([{ path: 'pkg/features/kube_features.go', text: UNVERSIONED }, { path: 'staging/src/k8s.io/client-go/features/known_features.go', text: CLIENT_GO }], { fallbackSince: '1.30' })
    expect(gates).toEqual({
      APISelfSubjectReview: [{ since: '1.28', stage: 'GA', default: true, locked: true }],
      ContextualLogging: [{ since: '1.30', stage: 'ALPHA', default: false, locked: false }],
      CrossNamespaceVolumeDataSource: [{ since: '1.26', stage: 'ALPHA', default: false, locked: false }],
      WatchListClient: [{ since: '1.30', stage: 'BETA', default: false, locked: false }],
    })
    expect(warnings).toEqual([])
  })

  it('keeps the first file\'s history of a gate defined twice and says when the second differs', () => {
    const again = CLIENT_GO.replace('Default: false, PreRelease: Beta', 'Default: true, PreRelease: Beta')
    const { gates, warnings } = buildGateTable([{ path: 'a/kube_features.go', text: CLIENT_GO }, { path: 'b/kube_features.go', text: again }], { fallbackSince: '1.30' })
    expect(gates.WatchListClient[0].default).toBe(false)
    expect(warnings).toEqual(['WatchListClient: b/kube_features.go differs from a/kube_features.go; kept a/kube_features.go'])
  })
})
