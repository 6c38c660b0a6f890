using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Sagewright.Model.Validation;

namespace Sagewright.CodeFixes;

/// <summary>One fixer for every fixable Sagewright rule. It knows no rule: the model puts the fix into the
/// diagnostic's properties (<see cref="FixPlan"/>) and this applies it to the attribute the diagnostic is
/// on. A diagnostic without a plan, or whose location no longer maps to an attribute, gets no action.
/// The equivalence key is <c>Sagewright.&lt;ID&gt;</c>, so Fix All applies one rule's fixes together.
/// No <c>[Shared]</c>: the IDE finds fixers in a package's analyzer assemblies by this export attribute, not
/// through MEF, and <c>[Shared]</c> would reference System.Composition 9 (the only version served here), which
/// older IDEs do not have.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SagewrightCodeFixProvider))]
public sealed class SagewrightCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIds.SpotWithoutCheckpoint,
        RuleIds.SpotMaxWait,
        RuleIds.EndpointWithoutDataCapture,
        RuleIds.ModelRegisteredApproved,
        RuleIds.EndpointWithoutAutoScaling,
        RuleIds.UnversionedOutput,
        RuleIds.MissingRequiredTags,
        RuleIds.SpotWithoutRetry);

    public static string EquivalenceKey(string id) => "Sagewright." + id;

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        var options = root.SyntaxTree.Options as CSharpParseOptions ?? CSharpParseOptions.Default;
        foreach (var diagnostic in context.Diagnostics)
        {
            // Every precondition is checked here, before registering: the action only hands back the new root.
            if (!diagnostic.Location.IsInSource
                || FixPlan.From(diagnostic.Properties, options) is not { } plan
                || AttributeEdits.Apply(root, diagnostic.Location.SourceSpan, plan) is not { } newRoot)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(plan.Title, _ => Task.FromResult(document.WithSyntaxRoot(newRoot)), EquivalenceKey(diagnostic.Id)),
                diagnostic);
        }
    }
}
