namespace Sagewright.Model.Validation;

/// <summary>The IDs are fixed: never renumber or reuse one.</summary>
public static class RuleIds
{
    public const string InvalidName = "SGW001";
    public const string DuplicateStepName = "SGW002";
    public const string DependencyCycle = "SGW003";
    public const string UnresolvedReference = "SGW004";
    public const string MalformedS3Uri = "SGW005";
    public const string InvalidInstanceType = "SGW006";
    public const string OutOfRange = "SGW007";
    public const string StepNotAttached = "SGW008";
    public const string TypeMismatch = "SGW009";
    public const string QuotaExceeded = "SGW010";
    public const string RequiredSettingMissing = "SGW011";
    public const string SpotMaxWait = "SGW101";
}

public static class DiagnosticCatalog
{
    /// <summary>Every rule's help link is this plus <c>&lt;ID&gt;.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/sagewright/sagewright/blob/main/docs/rules/";

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";
}
