using Sagewright.Model.Iam;
using Sagewright.Model.Validation;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Iam;

/// <summary>IAM's size limit on a role's inline policy (10,240 characters, whitespace not counted): a role whose derived
/// policy would not fit is SGW010, and splitting the roles makes it fit.</summary>
public class IamQuotaTests
{
    /// <summary>Ten processing steps with nine inputs each, every input under its own long prefix: one shared job role
    /// needs far more than 10,240 characters to read them all.</summary>
    private static string ManyInputs()
    {
        var steps = new System.Text.StringBuilder();
        for (var i = 0; i < 10; i++)
        {
            steps.Append("[ProcessingStep(typeof(Demo))]\n[Image(Images.Processing), Instance(\"ml.m5.large\")]\n");
            for (var j = 0; j < 9; j++)
            {
                steps.Append($"[Input(\"s3://my-bucket/curated-feature-store-exports/step-{i}/source-{j}/\", \"/opt/ml/processing/in{j}\", Name = \"in{j}\")]\n");
            }

            steps.Append($"public sealed class Prep{i};\n\n");
        }

        return steps.ToString();
    }

    [Fact]
    public void A_shared_role_whose_policy_exceeds_the_inline_limit_is_SGW010_at_the_pipeline()
    {
        var source = Src.WithPipeline("[{|SGW010:Pipeline(\"Demo\")|}]") + ManyInputs();
        var diagnostics = Markup.Verify(source);
        var message = Assert.Single(diagnostics, d => d.Id == RuleIds.QuotaExceeded).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("The policy of role 'Demo-job' is ", message, StringComparison.Ordinal);
        Assert.Contains("IAM allows 10240 characters of inline policy per role", message, StringComparison.Ordinal);
        Assert.Contains("RoleLayout.PerStep", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Per_step_roles_split_the_same_grants_into_policies_that_fit()
    {
        var source = Src.WithPipeline("[Pipeline(\"Demo\", Roles = RoleLayout.PerStep)]") + ManyInputs();
        Markup.Verify(source);
        var files = IamFiles.Generate(source).All;
        var policies = files.Where(f => f.Key.EndsWith(".policy.json", StringComparison.Ordinal)).ToList();
        Assert.Equal(11, policies.Count); // the pipeline role and one role per step
        Assert.All(policies, p => Assert.InRange(IamNames.PolicySize(p.Value), 1, Quotas.MaxInlinePolicyCharacters));
    }

    [Theory]
    [InlineData("{}", 2)]
    [InlineData("{\n  \"Sid\": \"A\"\n}", 11)]
    [InlineData("{ \"Resource\": \"arn:aws:s3:::b/with space/*\" }", 42)] // a space inside a string counts
    [InlineData("{\"a\":\"x\\\" y\"}", 13)]                               // an escaped quote does not end the string
    public void Policy_size_counts_characters_without_whitespace_outside_strings(string json, int expected) =>
        Assert.Equal(expected, IamNames.PolicySize(json));
}
