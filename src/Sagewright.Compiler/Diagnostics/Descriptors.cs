using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Sagewright.Model.Validation;

namespace Sagewright.Compiler.Diagnostics;

/// <summary>Every DiagnosticDescriptor Sagewright reports, in one place. IDs come from
/// <see cref="RuleIds"/> and never change; each help link points at docs/rules/&lt;ID&gt;.md.
/// Most messages are composed by the model (it knows the context), hence the "{0}" formats.</summary>
internal static class Descriptors
{
    private const string Correctness = "Sagewright.Correctness";
    private const string BestPractice = "Sagewright.BestPractice";
    private const string Security = "Sagewright.Security";
    private const string Suppression = "Sagewright.Suppression";

    public static readonly DiagnosticDescriptor InvalidName = Create(RuleIds.InvalidName, "Invalid name", "{0}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateStepName = Create(RuleIds.DuplicateStepName, "Duplicate step name",
        "Step name '{0}' is already used by {1}; step names must be unique within a pipeline", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DependencyCycle = Create(RuleIds.DependencyCycle, "Dependency cycle",
        "Steps depend on each other in a cycle: {0}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnresolvedReference = Create(RuleIds.UnresolvedReference, "Unresolved reference", "{0}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MalformedS3Uri = Create(RuleIds.MalformedS3Uri, "Malformed S3 URI",
        "'{0}' is not a valid S3 URI: {1}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidInstanceType = Create(RuleIds.InvalidInstanceType, "Instance type not valid for this job kind",
        "'{0}' is not a {1} instance type{2}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor OutOfRange = Create(RuleIds.OutOfRange, "Value out of range", "{0}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor StepNotAttached = Create(RuleIds.StepNotAttached, "Step not attached to a pipeline", "{0}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor TypeMismatch = Create(RuleIds.TypeMismatch, "Type mismatch", "{0}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor QuotaExceeded = Create(RuleIds.QuotaExceeded, "Service quota exceeded", "{0}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RequiredSettingMissing = Create(RuleIds.RequiredSettingMissing, "Required setting missing", "{0}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InternalFailure = Create(RuleIds.InternalFailure, "Sagewright could not compile this pipeline", "{0}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor GeneratedMemberClash = Create(RuleIds.GeneratedMemberClash, "Generated member clashes with a user member", "{0}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SpotWithoutCheckpoint = Create(RuleIds.SpotWithoutCheckpoint, "Spot training without a checkpoint location", "{0}", BestPractice);

    public static readonly DiagnosticDescriptor SpotMaxWait = Create(RuleIds.SpotMaxWait, "Spot training with MaxWait missing or below MaxRun", "{0}", BestPractice);

    public static readonly DiagnosticDescriptor ModelRegisteredApproved = Create(RuleIds.ModelRegisteredApproved, "Model registered as Approved", "{0}", BestPractice);

    public static readonly DiagnosticDescriptor CacheOnMutableInput = Create(RuleIds.CacheOnMutableInput, "Caching on a step with mutable inputs", "{0}", BestPractice);

    public static readonly DiagnosticDescriptor UnpinnedImage = Create(RuleIds.UnpinnedImage, "Unpinned container image", "{0}", BestPractice);

    public static readonly DiagnosticDescriptor UnversionedOutput = Create(RuleIds.UnversionedOutput, "Output path not versioned per execution", "{0}", BestPractice);

    public static readonly DiagnosticDescriptor MissingRequiredTags = Create(RuleIds.MissingRequiredTags, "Required cost-allocation tags missing", "{0}", BestPractice);

    public static readonly DiagnosticDescriptor ModelWithoutMetrics = Create(RuleIds.ModelWithoutMetrics, "Model registered without evaluation metrics", "{0}", BestPractice);

    public static readonly DiagnosticDescriptor MonolithicStep = Create(RuleIds.MonolithicStep, "One monolithic step doing the whole pipeline", "{0}", BestPractice);

    public static readonly DiagnosticDescriptor SpotWithoutRetry = Create(RuleIds.SpotWithoutRetry, "Spot step without a capacity-error retry policy", "{0}", BestPractice);

    public static readonly DiagnosticDescriptor WildcardPermission = Create(RuleIds.WildcardPermission, "Wildcard in a declared extra permission", "{0}", Security);

    public static readonly DiagnosticDescriptor HardCodedCredentials = Create(RuleIds.HardCodedCredentials, "Hard-coded AWS credentials", "{0}", Security);

    public static readonly DiagnosticDescriptor SharedTrainingInferenceRole = Create(RuleIds.SharedTrainingInferenceRole, "Same role for training and inference", "{0}", Security);

    public static readonly DiagnosticDescriptor NoKmsKey = Create(RuleIds.NoKmsKey, "No KMS key", "{0}", Security);

    public static readonly DiagnosticDescriptor NetworkIsolationOff = Create(RuleIds.NetworkIsolationOff, "Network isolation or inter-container encryption off", "{0}", Security);

    public static readonly DiagnosticDescriptor PassRoleOnWildcard = Create(RuleIds.PassRoleOnWildcard, "PassRole or job creation granted on *", "{0}", Security);

    public static readonly DiagnosticDescriptor ManagedPolicyAttached = Create(RuleIds.ManagedPolicyAttached, "AWS managed policy attached", "{0}", Security);

    public static readonly DiagnosticDescriptor SecuritySuppressedWithoutJustification = Create(RuleIds.SecuritySuppressedWithoutJustification,
        "Security rule suppressed without justification", "{0}", Suppression);

    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        InvalidName, DuplicateStepName, DependencyCycle, UnresolvedReference, MalformedS3Uri, InvalidInstanceType,
        OutOfRange, StepNotAttached, TypeMismatch, QuotaExceeded, RequiredSettingMissing, InternalFailure, GeneratedMemberClash,
        SpotWithoutCheckpoint, SpotMaxWait, ModelRegisteredApproved,
        CacheOnMutableInput, UnpinnedImage, UnversionedOutput, MissingRequiredTags,
        ModelWithoutMetrics, MonolithicStep, SpotWithoutRetry, WildcardPermission, HardCodedCredentials,
        SharedTrainingInferenceRole, NoKmsKey, NetworkIsolationOff, PassRoleOnWildcard, ManagedPolicyAttached,
        SecuritySuppressedWithoutJustification);

    public static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = ImmutableDictionary.CreateRange(
        System.Linq.Enumerable.Select(All, d => new System.Collections.Generic.KeyValuePair<string, DiagnosticDescriptor>(d.Id, d)));

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category, DiagnosticSeverity severity) =>
        new(id, title, messageFormat, category, severity, isEnabledByDefault: true, helpLinkUri: DiagnosticCatalog.HelpLink(id));

    /// <summary>A rule whose default severity is the catalog's.</summary>
    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category) =>
        Create(id, title, messageFormat, category, DiagnosticCatalog.DefaultSeverity(id) switch
        {
            RuleSeverity.Error => DiagnosticSeverity.Error,
            RuleSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        });
}
