using Sagewright.Cli.Policies;

namespace Sagewright.Cli.Tests.Infrastructure;

/// <summary>Small builders for policy JSON and grants in tests.</summary>
public static class Policies
{
    /// <summary>A policy document with the given statement objects (JSON text each).</summary>
    public static string Document(params string[] statements) =>
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + string.Join(",\n    ", statements) + "\n  ]\n}\n";

    public static IReadOnlyList<Grant> Grants(string json) =>
        GrantNormalizer.Normalize(PolicyReader.Read(System.Text.Encoding.UTF8.GetBytes(json), "test.policy.json"));

    /// <summary>The single grant of a one-statement, one-action, one-resource policy.</summary>
    public static Grant Grant(string statement) => Assert.Single(Grants(Document(statement)));
}
