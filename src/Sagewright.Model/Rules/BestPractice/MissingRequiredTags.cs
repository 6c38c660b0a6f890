namespace Sagewright.Model.Rules;

/// <summary>SGW109: a pipeline without the cost-allocation tags the project requires
/// (<see cref="RuleOptions.RequiredTagsKey"/>). The code fix adds a <c>[Tag]</c> per missing key
/// (<c>fix.addAttributes</c>).</summary>
public sealed class MissingRequiredTags : PipelineRule
{
    /// <summary>{0} the pipeline name, {1} "s" when more than one tag is missing, {2} the missing keys (quoted, comma
    /// separated), {3} "it" or "each".</summary>
    public const string Format = "Pipeline '{0}' is missing the required cost-allocation tag{1} {2}: add [Tag(\"<key>\", \"<value>\")] for {3} (required keys: " + RuleOptions.RequiredTagsKey + " in .editorconfig)";

    public override string Id => RuleIds.MissingRequiredTags;

    public override string MessageFormat => Format;

    public override void Check(RuleContext context)
    {
        var pipeline = context.Pipeline;
        var present = new HashSet<string>(pipeline.Tags.Select(t => t.Key), StringComparer.Ordinal);
        var missing = context.Options.RequiredTags.Where(k => !present.Contains(k)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var one = missing.Count == 1;
        var attributes = missing.Select(k => "[Tag(" + BestPractice.StringLiteral(k) + ", " + BestPractice.StringLiteral(k == "pipeline" ? pipeline.Name : "TODO") + ")]");
        context.Report(Finding(pipeline.Origin.AttributeOnly, pipeline.Name, one ? string.Empty : "s", string.Join(", ", missing.Select(k => "'" + k + "'")), one ? "it" : "each")
            .WithProperty("fix.title", one ? "Add the tag '" + missing[0] + "'" : "Add the required tags")
            .WithProperty("fix.addAttributes", string.Join("\n", attributes)));
    }
}
