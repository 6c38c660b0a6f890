using System.Collections.Immutable;
using Rules = Sagewright.Model.Rules;

namespace Sagewright.Compiler.Diagnostics;

/// <summary>Every DiagnosticDescriptor Sagewright reports, in one place. IDs come from
/// <see cref="RuleIds"/> and never change; each help link points at docs/rules/&lt;ID&gt;.md.
/// The best-practice and security rules of the model (<see cref="Rules.RuleSet"/>) own their message formats: each
/// descriptor here uses its rule's <c>Format</c> const. Most correctness messages are still composed by the model (it
/// knows the context), hence their "{0}" formats.</summary>
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

    public static readonly DiagnosticDescriptor AttributeNotApplicable = Create(RuleIds.AttributeNotApplicable, "Attribute does not apply to this step kind",
        "{0} does not apply to {1} '{2}'; {3}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SettingConflict = Create(RuleIds.SettingConflict, "Setting given twice or in conflict",
        "{0} sets {1} twice, with {2} and with {3}; {4}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ValueNotInSource = Create(RuleIds.ValueNotInSource, "Value must be written in source",
        "{0} must be written in source, not {1}: {2}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor WrongReferenceKind = Create(RuleIds.WrongReferenceKind, "Reference to the wrong kind of step or member",
        "Step '{0}' is a {1} step and {2}; {3}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ForeignLocation = Create(RuleIds.ForeignLocation, "Role or resource in another account or partition",
        "{0} is in {1} '{2}', but the pipeline runs in '{3}' ({4}){5}", Correctness, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SettingsWithoutStep = Create(RuleIds.SettingsWithoutStep, "Step attributes on a class that is not a step",
        "Class '{0}' has [{1}] but no step attribute, so Sagewright ignores it; add a step attribute such as [{2}(typeof(MyPipeline))], or remove the attribute", Correctness);

    public static readonly DiagnosticDescriptor SpotWithoutCheckpoint = Create(RuleIds.SpotWithoutCheckpoint, "Spot training without a checkpoint location", Rules.SpotWithoutCheckpoint.Format, BestPractice);

    public static readonly DiagnosticDescriptor SpotMaxWait = Create(RuleIds.SpotMaxWait, "Spot training with MaxWait missing or below MaxRun", "{0}", BestPractice);

    public static readonly DiagnosticDescriptor ModelRegisteredApproved = Create(RuleIds.ModelRegisteredApproved, "Model registered as Approved", Rules.ModelRegisteredApproved.Format, BestPractice);

    public static readonly DiagnosticDescriptor CacheOnMutableInput = Create(RuleIds.CacheOnMutableInput, "Caching on a step with mutable inputs", Rules.CacheOnMutableInput.Format, BestPractice);

    public static readonly DiagnosticDescriptor UnpinnedImage = Create(RuleIds.UnpinnedImage, "Unpinned container image", Rules.UnpinnedImage.Format, BestPractice);

    public static readonly DiagnosticDescriptor UnversionedOutput = Create(RuleIds.UnversionedOutput, "Output path not versioned per execution", Rules.UnversionedOutput.Format, BestPractice);

    public static readonly DiagnosticDescriptor MissingRequiredTags = Create(RuleIds.MissingRequiredTags, "Required cost-allocation tags missing", Rules.MissingRequiredTags.Format, BestPractice);

    public static readonly DiagnosticDescriptor ModelWithoutMetrics = Create(RuleIds.ModelWithoutMetrics, "Model registered without evaluation metrics", Rules.ModelWithoutMetrics.Format, BestPractice);

    public static readonly DiagnosticDescriptor MonolithicStep = Create(RuleIds.MonolithicStep, "One monolithic step doing the whole pipeline", Rules.MonolithicStep.Format, BestPractice);

    public static readonly DiagnosticDescriptor SpotWithoutRetry = Create(RuleIds.SpotWithoutRetry, "Spot step without a capacity-error retry policy", Rules.SpotWithoutRetry.Format, BestPractice);

    public static readonly DiagnosticDescriptor EndpointWithoutDataCapture = Create(RuleIds.EndpointWithoutDataCapture, "Endpoint without data capture", Rules.EndpointWithoutDataCapture.Format, BestPractice);

    public static readonly DiagnosticDescriptor DataCaptureDisabled = Create(RuleIds.DataCaptureDisabled, "Data capture disabled or sampling 0 %", Rules.DataCaptureDisabled.Format, BestPractice);

    public static readonly DiagnosticDescriptor EndpointWithoutAutoScaling = Create(RuleIds.EndpointWithoutAutoScaling, "Endpoint without auto-scaling", Rules.EndpointWithoutAutoScaling.Format, BestPractice);

    public static readonly DiagnosticDescriptor SingleInstanceVariant = Create(RuleIds.SingleInstanceVariant, "Endpoint variant on a single instance", Rules.SingleInstanceVariant.Format, BestPractice);

    public static readonly DiagnosticDescriptor ScalingAgainstAvailability = Create(RuleIds.ScalingAgainstAvailability, "Auto-scaling to zero or scaling in faster than out", Rules.ScalingAgainstAvailability.Format, BestPractice);

    public static readonly DiagnosticDescriptor ServerlessWithoutProvisionedConcurrency = Create(RuleIds.ServerlessWithoutProvisionedConcurrency, "Serverless endpoint without provisioned concurrency", Rules.ServerlessWithoutProvisionedConcurrency.Format, BestPractice);

    public static readonly DiagnosticDescriptor WildcardPermission = Create(RuleIds.WildcardPermission, "Wildcard in a declared extra permission", Rules.WildcardPermission.Format, Security);

    public static readonly DiagnosticDescriptor HardCodedCredentials = Create(RuleIds.HardCodedCredentials, "Hard-coded AWS credentials", "{0}", Security);

    public static readonly DiagnosticDescriptor SharedTrainingInferenceRole = Create(RuleIds.SharedTrainingInferenceRole, "Same role for training and inference", Rules.SharedTrainingInferenceRole.Format, Security);

    public static readonly DiagnosticDescriptor NoKmsKey = Create(RuleIds.NoKmsKey, "No KMS key", Rules.NoKmsKey.Format, Security);

    public static readonly DiagnosticDescriptor NetworkIsolationOff = Create(RuleIds.NetworkIsolationOff, "Network isolation or inter-container encryption off", Rules.NetworkIsolationOff.Format, Security);

    public static readonly DiagnosticDescriptor PassRoleOnWildcard = Create(RuleIds.PassRoleOnWildcard, "PassRole or job creation granted on *", Rules.PassRoleOnWildcard.Format, Security);

    public static readonly DiagnosticDescriptor ManagedPolicyAttached = Create(RuleIds.ManagedPolicyAttached, "AWS managed policy attached", Rules.ManagedPolicyAttached.Format, Security);

    public static readonly DiagnosticDescriptor DataCaptureWithoutKmsKey = Create(RuleIds.DataCaptureWithoutKmsKey, "Endpoint data capture without a KMS key", Rules.DataCaptureWithoutKmsKey.Format, Security);

    public static readonly DiagnosticDescriptor SecuritySuppressedWithoutJustification = Create(RuleIds.SecuritySuppressedWithoutJustification,
        "Security rule suppressed without justification", "{0}", Suppression);

    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        InvalidName, DuplicateStepName, DependencyCycle, UnresolvedReference, MalformedS3Uri, InvalidInstanceType,
        OutOfRange, StepNotAttached, TypeMismatch, QuotaExceeded, RequiredSettingMissing, InternalFailure, GeneratedMemberClash,
        AttributeNotApplicable, SettingConflict, ValueNotInSource, WrongReferenceKind, ForeignLocation, SettingsWithoutStep,
        SpotWithoutCheckpoint, SpotMaxWait, ModelRegisteredApproved,
        CacheOnMutableInput, UnpinnedImage, UnversionedOutput, MissingRequiredTags,
        ModelWithoutMetrics, MonolithicStep, SpotWithoutRetry, EndpointWithoutDataCapture, DataCaptureDisabled,
        EndpointWithoutAutoScaling, SingleInstanceVariant, ScalingAgainstAvailability, ServerlessWithoutProvisionedConcurrency,
        WildcardPermission, HardCodedCredentials,
        SharedTrainingInferenceRole, NoKmsKey, NetworkIsolationOff, PassRoleOnWildcard, ManagedPolicyAttached, DataCaptureWithoutKmsKey,
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
