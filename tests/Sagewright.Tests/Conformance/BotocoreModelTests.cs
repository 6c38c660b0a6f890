using System.Text.Json.Nodes;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Conformance;

/// <summary>Self-tests of the checker: it accepts a valid request and fails each rule where it should, with the
/// exact JSON path.</summary>
public class BotocoreModelTests
{
    /// <summary>A complete CreateTrainingJob request as a pipeline holds it (no TrainingJobName).</summary>
    private const string ValidTrainingRequest = """
        {
          "AlgorithmSpecification": {
            "TrainingImage": "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310",
            "TrainingInputMode": "File"
          },
          "OutputDataConfig": { "S3OutputPath": "s3://my-bucket/models/" },
          "StoppingCondition": { "MaxRuntimeInSeconds": 3600 },
          "ResourceConfig": { "InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 30 },
          "RoleArn": "arn:aws:iam::123456789012:role/Demo-job",
          "InputDataConfig": [
            {
              "ChannelName": "train",
              "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://my-bucket/train/" } }
            }
          ],
          "HyperParameters": { "epochs": "20" },
          "Environment": { "LOG_LEVEL": "info" },
          "EnableManagedSpotTraining": false
        }
        """;

    private static BotocoreModel Model => BotocoreModel.SageMaker;

    [ReferenceFact]
    public void A_minimal_valid_CreateTrainingJob_request_passes()
    {
        Assert.Empty(Model.Validate("CreateTrainingJob", JsonNode.Parse(ValidTrainingRequest), "TrainingJobName"));
    }

    [ReferenceFact]
    public void The_job_name_is_required_unless_it_is_omitted()
    {
        Assert.Equal(
            ["$.TrainingJobName: required member of CreateTrainingJobRequest is missing"],
            Model.Validate("CreateTrainingJob", JsonNode.Parse(ValidTrainingRequest)));
    }

    [ReferenceFact]
    public void A_missing_required_member_is_reported()
    {
        var problems = Validate(r => r["AlgorithmSpecification"]!.AsObject().Remove("TrainingInputMode"));
        Assert.Equal(["$.AlgorithmSpecification.TrainingInputMode: required member of AlgorithmSpecification is missing"], problems);
    }

    [ReferenceFact]
    public void An_unknown_member_is_reported()
    {
        var problems = Validate(r => r["ResourceConfig"]!["InstanceTyp"] = "ml.m5.large");
        Assert.Equal(["$.ResourceConfig.InstanceTyp: unknown member of ResourceConfig"], problems);
    }

    [ReferenceFact]
    public void A_value_outside_the_enum_is_reported()
    {
        var problems = Validate(r => r["ResourceConfig"]!["InstanceType"] = "ml.foo");
        var count = Model.Shape("TrainingInstanceType").Enum!.Count;
        Assert.Equal([$"$.ResourceConfig.InstanceType: 'ml.foo' is not one of TrainingInstanceType's {count} values"], problems);
    }

    [ReferenceFact]
    public void A_small_enum_lists_its_values()
    {
        var problems = Validate(r => r["AlgorithmSpecification"]!["TrainingInputMode"] = "file");
        Assert.Equal(["$.AlgorithmSpecification.TrainingInputMode: 'file' is not one of TrainingInputMode's 3 values (Pipe, File, FastFile)"], problems);
    }

    [ReferenceFact]
    public void A_string_over_its_max_length_is_reported()
    {
        var problems = Validate(r => r["AlgorithmSpecification"]!["TrainingImage"] = new string('a', 256));
        Assert.Equal("$.AlgorithmSpecification.TrainingImage", PathOf(Assert.Single(problems)));
        Assert.EndsWith("has length 256, above AlgorithmImage's max 255", problems[0], StringComparison.Ordinal);
    }

    [ReferenceFact]
    public void An_integer_below_its_min_is_reported()
    {
        var problems = Validate(r => r["StoppingCondition"]!["MaxRuntimeInSeconds"] = 0);
        Assert.Equal(["$.StoppingCondition.MaxRuntimeInSeconds: 0 is below MaxRuntimeInSeconds's min 1"], problems);
    }

    [ReferenceFact]
    public void A_list_over_its_max_count_is_reported()
    {
        var problems = Validate(r => r["InputDataConfig"] = new JsonArray(Enumerable.Range(0, 21)
            .Select(i => (JsonNode)new JsonObject
            {
                ["ChannelName"] = "c" + i,
                ["DataSource"] = new JsonObject { ["S3DataSource"] = new JsonObject { ["S3DataType"] = "S3Prefix", ["S3Uri"] = "s3://my-bucket/c" + i } },
            })
            .ToArray()));
        Assert.Equal(["$.InputDataConfig: 21 items, above InputDataConfig's max 20"], problems);
    }

    [ReferenceFact]
    public void A_pattern_mismatch_is_reported()
    {
        var problems = Validate(r => r["InputDataConfig"]![0]!["ChannelName"] = "my channel");
        Assert.Equal([@"$.InputDataConfig[0].ChannelName: 'my channel' does not match ChannelName's pattern [A-Za-z0-9\.\-_]+"], problems);
    }

    [ReferenceFact]
    public void Patterns_must_match_the_whole_value_so_a_trailing_newline_fails()
    {
        // .NET's $ would accept "train\n"; Java's matches() does not, and neither does the checker.
        var problems = Validate(r => r["InputDataConfig"]![0]!["ChannelName"] = "train\n");
        Assert.Equal("$.InputDataConfig[0].ChannelName", PathOf(Assert.Single(problems)));
    }

    [ReferenceFact]
    public void A_map_key_is_checked_against_the_key_shape()
    {
        var problems = Validate(r => r["Environment"]!["1_LEVEL"] = "x");
        Assert.Equal("$.Environment['1_LEVEL']", PathOf(Assert.Single(problems)));
        Assert.Contains("key '1_LEVEL' does not match TrainingEnvironmentKey's pattern", problems[0], StringComparison.Ordinal);
    }

    [ReferenceFact]
    public void A_wrong_json_type_is_reported()
    {
        var problems = Validate(r => r["ResourceConfig"]!["InstanceCount"] = "1");
        Assert.Equal(["$.ResourceConfig.InstanceCount: expected integer (TrainingInstanceCount), found string '1'"], problems);
    }

    [ReferenceFact]
    public void A_fraction_where_an_integer_is_expected_is_reported()
    {
        var problems = Model.Validate("CreateTrainingJob", Edit(r => r["StoppingCondition"] = JsonNode.Parse("""{ "MaxRuntimeInSeconds": 1.5 }""")), "TrainingJobName");
        Assert.Equal(["$.StoppingCondition.MaxRuntimeInSeconds: expected integer (MaxRuntimeInSeconds), found number 1.5"], problems);
    }

    [ReferenceFact]
    public void A_null_is_reported_where_a_value_is_expected()
    {
        var problems = Validate(r => r["OutputDataConfig"]!["S3OutputPath"] = null);
        Assert.Equal(["$.OutputDataConfig.S3OutputPath: null where string (S3Uri) is expected"], problems);
    }

    [ReferenceFact]
    public void A_Std_Join_where_an_integer_is_required_is_reported()
    {
        var problems = Validate(r => r["ResourceConfig"]!["InstanceCount"] = Join("", Get("Parameters.InstanceCount")));
        Assert.Equal(["$.ResourceConfig.InstanceCount: Std:Join yields a string, but integer (TrainingInstanceCount) is expected"], problems);
    }

    [ReferenceFact]
    public void A_Std_Join_where_a_string_is_expected_passes_unchecked_by_pattern()
    {
        var problems = Validate(r => r["OutputDataConfig"]!["S3OutputPath"] = Join("/", "s3:/", "my-bucket", Get("Execution.PipelineExecutionId")));
        Assert.Empty(problems);
    }

    [ReferenceFact]
    public void A_Get_expression_is_accepted_where_an_enum_is_expected()
    {
        var problems = Validate(r => r["ResourceConfig"]!["InstanceType"] = Get("Parameters.InstanceType"));
        Assert.Empty(problems);
    }

    [ReferenceFact]
    public void Get_and_JsonGet_are_accepted_where_an_integer_or_boolean_is_expected()
    {
        var problems = Validate(r =>
        {
            r["ResourceConfig"]!["InstanceCount"] = Get("Parameters.InstanceCount");
            r["EnableManagedSpotTraining"] = JsonNode.Parse("""
                { "Std:JsonGet": { "PropertyFile": { "Get": "Steps.Eval.PropertyFiles.Report" }, "Path": "spot" } }
                """);
        });
        Assert.Empty(problems);
    }

    [ReferenceFact]
    public void An_expression_where_a_structure_is_expected_is_reported()
    {
        var problems = Validate(r => r["ResourceConfig"] = Get("Parameters.Resources"));
        Assert.Equal(["$.ResourceConfig: a pipeline expression (Get) where structure (ResourceConfig) is expected; expressions stand for scalar values only"], problems);
    }

    [ReferenceFact]
    public void The_inner_values_of_Std_Join_are_checked()
    {
        var problems = Validate(r => r["OutputDataConfig"]!["S3OutputPath"] = Join("/", "s3:/", new JsonArray("a"), Get("Execution.Nonsense"), 1, true));
        Assert.Equal(
            [
                "$.OutputDataConfig.S3OutputPath['Std:Join'].Values[1]",
                "$.OutputDataConfig.S3OutputPath['Std:Join'].Values[2].Get",
            ],
            problems.Select(PathOf));
    }

    [ReferenceFact]
    public void A_malformed_Std_JsonGet_is_reported()
    {
        var problems = Validate(r => r["HyperParameters"]!["epochs"] = JsonNode.Parse("""{ "Std:JsonGet": { "Path": 3 } }"""));
        Assert.Equal(
            [
                "$.HyperParameters.epochs['Std:JsonGet'].Path",
                "$.HyperParameters.epochs['Std:JsonGet']",
            ],
            problems.Select(PathOf));
    }

    [ReferenceFact]
    public void A_union_needs_exactly_one_member()
    {
        var union = Model.Shape("ScalingPolicy");
        Assert.True(union.IsUnion);
        var problems = Model.ValidateShape("ScalingPolicy", new JsonObject());
        Assert.Equal(["$: ScalingPolicy is a union: exactly one member must be set, found 0"], problems);
    }

    [ReferenceFact]
    public void Patterns_that_dotnet_cannot_compile_are_known_and_never_pass_silently()
    {
        // Java syntax .NET rejects: the POSIX class \p{Alnum}; the escape \_ of a character that needs none; and
        // surrogate pairs as range ends (\uD800\uDC00-\uDBFF\uDFFF is U+10000..U+10FFFF in Java, a reversed range
        // of UTF-16 code units in .NET). Of these, the step operations reach only AthenaCatalog (CreateProcessingJob:
        // ProcessingInputs[].DatasetDefinition.AthenaDatasetDefinition.Catalog) and
        // TrainingRepositoryCredentialsProviderArn (CreateTrainingJob: private registry authentication).
        string[] expected =
        [
            "AthenaCatalog", "Catalog", "Database", "EdgeVersion", "FillingTransformationValue", "TableName",
            "TrainingRepositoryCredentialsProviderArn",
        ];
        var actual = Model.UncompilablePatterns.Keys.Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual),
            "Patterns .NET cannot compile:\n  " + string.Join("\n  ", actual.Select(s => $"{s}: {Model.Shape(s).Pattern} ({Model.UncompilablePatterns[s]})")));

        // A value that meets such a pattern is reported as unchecked, not passed.
        var problems = Model.ValidateShape("TrainingRepositoryCredentialsProviderArn", JsonValue.Create("arn:aws:lambda:us-east-1:123456789012:function:creds"));
        Assert.Contains("(checker limitation)", Assert.Single(problems), StringComparison.Ordinal);
    }

    [ReferenceFact]
    public void The_model_is_loaded_once_per_path()
    {
        var path = Paths.Reference("aws-models", "botocore", "sagemaker-2017-07-24.service-2.json.gz");
        Assert.Same(BotocoreModel.Load(path), BotocoreModel.Load(Path.Combine(Path.GetDirectoryName(path)!, ".", Path.GetFileName(path))));
        Assert.Same(BotocoreModel.SageMaker, BotocoreModel.Load(path));
        Assert.Equal("CreateTrainingJobRequest", Model.InputShape("CreateTrainingJob").Name);
        Assert.Throws<KeyNotFoundException>(() => Model.InputShape("CreateNothing"));
    }

    // ---- helpers --------------------------------------------------------------------------------

    /// <summary>The valid request with one edit, validated as a pipeline step's arguments.</summary>
    private static IReadOnlyList<string> Validate(Action<JsonObject> edit) =>
        Model.Validate("CreateTrainingJob", Edit(edit), "TrainingJobName");

    private static JsonObject Edit(Action<JsonObject> edit)
    {
        var request = JsonNode.Parse(ValidTrainingRequest)!.AsObject();
        edit(request);
        return request;
    }

    internal static string PathOf(string problem) => problem[..problem.IndexOf(": ", StringComparison.Ordinal)];

    private static JsonObject Get(string path) => new() { ["Get"] = path };

    private static JsonObject Join(string on, params JsonNode?[] values) =>
        new() { ["Std:Join"] = new JsonObject { ["On"] = on, ["Values"] = new JsonArray(values) } };
}
