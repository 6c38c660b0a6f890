using Sagewright.Model.Validation;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Conformance;

/// <summary>The name rules of <c>Rules.cs</c> are the botocore shapes they cite: same max length, same pattern
/// (anchored), same minimum (except where documented), and the same verdict on sample names.</summary>
public class NameRuleTests
{
    private static readonly Dictionary<string, NameRule> Rules = new(StringComparer.Ordinal)
    {
        [nameof(NameRules.Pipeline)] = NameRules.Pipeline,
        [nameof(NameRules.Step)] = NameRules.Step,
        [nameof(NameRules.Parameter)] = NameRules.Parameter,
        [nameof(NameRules.Channel)] = NameRules.Channel,
        [nameof(NameRules.EnvironmentKey)] = NameRules.EnvironmentKey,
        [nameof(NameRules.TagKey)] = NameRules.TagKey,
        [nameof(NameRules.TagValue)] = NameRules.TagValue,
        [nameof(NameRules.TuningJob)] = NameRules.TuningJob,
        [nameof(NameRules.MetricName)] = NameRules.MetricName,
        [nameof(NameRules.ModelPackageGroup)] = NameRules.ModelPackageGroup,
        [nameof(NameRules.Model)] = NameRules.Model,
        [nameof(NameRules.ExperimentEntity)] = NameRules.ExperimentEntity,
    };

    /// <summary>Documented differences of the minimum length: botocore <c>StepName</c> allows "" (min 0, pattern
    /// <c>*</c>); Sagewright requires a step name (NameRules.Step's doc comment).</summary>
    private static readonly Dictionary<string, int> DocumentedMinLength = new(StringComparer.Ordinal)
    {
        [nameof(NameRules.Step)] = 1,
    };

    public static TheoryData<string, string> Pairs() => new()
    {
        { nameof(NameRules.Pipeline), "PipelineName" },
        { nameof(NameRules.Step), "StepName" },
        { nameof(NameRules.Parameter), "PipelineParameterName" },
        { nameof(NameRules.Channel), "ChannelName" },
        { nameof(NameRules.EnvironmentKey), "ProcessingEnvironmentKey" },
        { nameof(NameRules.TagKey), "TagKey" },
        { nameof(NameRules.TagValue), "TagValue" },
        { nameof(NameRules.TuningJob), "HyperParameterTuningJobName" },
        { nameof(NameRules.MetricName), "MetricName" },
        { nameof(NameRules.ModelPackageGroup), "EntityName" },
        { nameof(NameRules.Model), "ModelName" },
        { nameof(NameRules.ExperimentEntity), "ExperimentEntityName" },
    };

    [ReferenceTheory]
    [MemberData(nameof(Pairs))]
    public void Rule_has_the_botocore_max_length_and_pattern(string rule, string shape)
    {
        var product = Rules[rule];
        var botocore = BotocoreModel.SageMaker.Shape(shape);
        Assert.Equal(botocore.Max, product.MaxLength);
        Assert.Equal("^" + botocore.Pattern + "$", product.Pattern);
    }

    [ReferenceTheory]
    [MemberData(nameof(Pairs))]
    public void Rule_has_the_botocore_min_length_or_a_documented_one(string rule, string shape)
    {
        // The effective botocore minimum: the declared min, or 1 when the pattern cannot match "".
        var botocore = BotocoreModel.SageMaker.Shape(shape);
        var patternAllowsEmpty = BotocoreModel.SageMaker.MatchesPattern(shape, string.Empty);
        var effective = Math.Max((int)(botocore.Min ?? 0), patternAllowsEmpty ? 0 : 1);
        Assert.Equal(DocumentedMinLength.GetValueOrDefault(rule, effective), Rules[rule].MinLength);
    }

    [ReferenceTheory]
    [MemberData(nameof(Pairs))]
    public void Rule_and_botocore_agree_on_sample_names(string rule, string shape)
    {
        var product = Rules[rule];
        var disagreements = new List<string>();
        foreach (var name in SampleNames(product.MaxLength))
        {
            var productAccepts = NameRules.Check(product, name) is null;
            var botocoreAccepts = BotocoreModel.SageMaker.ValidateShape(shape, name).Count == 0;
            var documented = name.Length == 0 && DocumentedMinLength.ContainsKey(rule);
            if (productAccepts != botocoreAccepts && !documented)
            {
                disagreements.Add($"'{name.Replace("\n", "\\n", StringComparison.Ordinal)}': NameRules.{rule} {(productAccepts ? "accepts" : "rejects")}, botocore {shape} {(botocoreAccepts ? "accepts" : "rejects")}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    [Theory]
    [InlineData(nameof(NameRules.Pipeline), "Demo")]
    [InlineData(nameof(NameRules.Step), "Train")]
    [InlineData(nameof(NameRules.Parameter), "InputData")]
    [InlineData(nameof(NameRules.Channel), "train")]
    [InlineData(nameof(NameRules.EnvironmentKey), "LOG_LEVEL")]
    [InlineData(nameof(NameRules.TagKey), "team")]
    [InlineData(nameof(NameRules.TagValue), "ml")]
    [InlineData(nameof(NameRules.ModelPackageGroup), "fraud-models")]
    public void A_valid_name_with_a_trailing_newline_is_rejected(string rule, string name)
    {
        // botocore patterns match the whole value (Java matches()); .NET's $ alone would accept "name\n".
        Assert.Null(NameRules.Check(Rules[rule], name));
        Assert.NotNull(NameRules.Check(Rules[rule], name + "\n"));
    }

    [ReferenceFact]
    public void IsRoleArn_agrees_with_botocore_RoleArn()
    {
        string[] samples =
        [
            "arn:aws:iam::123456789012:role/Demo-job", "arn:aws-cn:iam::123456789012:role/path/Demo",
            "arn:aws-us-gov:iam::123456789012:role/a+=,.@-_b", "arn:aws:iam::123456789012:role/Demo-job\n",
            "arn:aws:iam::12345678901:role/Demo", "arn:aws:iam::123456789012:user/Demo", "arn:aws:iam::123456789012:role/",
            "arn:aws:iam::123456789012:role/a b", "DummyRole", "arn:aws:iam::123456789012:role/" + new string('r', 2048),
        ];
        foreach (var arn in samples)
        {
            Assert.True(AwsSettings.IsRoleArn(arn) == (BotocoreModel.SageMaker.ValidateShape("RoleArn", arn).Count == 0), arn);
        }
    }

    [Fact]
    public void Every_rule_is_compared_with_a_botocore_shape()
    {
        var declared = typeof(NameRules).GetFields().Where(f => f.FieldType == typeof(NameRule)).Select(f => f.Name);
        Assert.Equal(declared.Order(StringComparer.Ordinal), Pairs().Select(p => (string)p[0]).Order(StringComparer.Ordinal));
    }

    /// <summary>Names at the edges of the rules: empty, single characters, separators at the ends, repeated
    /// separators, non-ASCII letters, white space, a trailing newline, and the length limits.</summary>
    private static IEnumerable<string> SampleNames(int maxLength)
    {
        string[] fixedNames =
        [
            "", "a", "Z", "0", "_", "-", ".", "a-b", "a--b", "-a", "a-", "a_b", "_a", "1a", "a.b", "a b", "a\tb", "a\n",
            "A-b_c.d", "é", "日本", "a:b", "a/b", "a=b", "a+b", "a@b", "a,b", "a$b", "a\u00a0b", "a\u2028b",
        ];
        return fixedNames
            .Append(new string('a', maxLength))
            .Append(new string('a', maxLength + 1))
            .Append("a" + new string('-', maxLength - 2) + "b");
    }
}
