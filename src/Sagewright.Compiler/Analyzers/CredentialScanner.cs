namespace Sagewright.Compiler.Analyzers;

/// <summary>What a credential match is.</summary>
internal enum CredentialKind
{
    /// <summary>An access key ID (or the ID of another credential) with a documented credential prefix.</summary>
    AccessKeyId,

    /// <summary>A 40-character secret access key, recognised only next to a name that says it is one.</summary>
    SecretAccessKey,
}

/// <summary>A credential found in a string's value. Holds positions, never the credential itself.</summary>
/// <param name="Start">Offset in the scanned text.</param>
/// <param name="Length">20 for an access key ID, 40 for a secret access key.</param>
/// <param name="Prefix">The four-character prefix of an access key ID; empty for a secret.</param>
/// <param name="IsDocumentationExample">One of the example keys AWS publishes in its documentation.</param>
/// <param name="Name">For a secret written as <c>name = value</c> inside the text, that name.</param>
internal readonly record struct CredentialMatch(CredentialKind Kind, int Start, int Length, string Prefix, bool IsDocumentationExample, string? Name);

/// <summary>Finds AWS credentials in text. Pure string code, allocation-free for text without a candidate,
/// so it can run on every string literal of a compilation.</summary>
internal static class CredentialScanner
{
    /// <summary>The access key ID AWS uses in its documentation (IAM User Guide, "Managing access keys").</summary>
    public const string ExampleAccessKeyId = "AKIAIOSFODNN7EXAMPLE";

    /// <summary>The secret access key AWS pairs with <see cref="ExampleAccessKeyId"/> in its documentation.</summary>
    public const string ExampleSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    public const int AccessKeyIdLength = 20;

    public const int SecretAccessKeyLength = 40;

    /// <summary>No credential is shorter than this, so shorter strings are skipped at once.</summary>
    public const int MinimumLength = AccessKeyIdLength;

    /// <summary>Of the unique ID prefixes in the IAM User Guide ("IAM identifiers", "Understanding unique ID
    /// prefixes"), the ones that identify credentials. The others (AIDA user, AROA role, AGPA group, AIPA
    /// instance profile, ANPA/ANVA policy, APKA public key, ASCA certificate) name principals and
    /// resources; they are not secret and are not reported.</summary>
    public static IReadOnlyList<(string Prefix, string Description)> CredentialPrefixes { get; } =
    [
        ("AKIA", "an AWS access key ID"),
        ("ASIA", "a temporary AWS access key ID (from AWS STS)"),
        ("ABIA", "an AWS STS service bearer token ID"),
        ("ACCA", "an AWS context-specific credential ID"),
    ];

    public static string Describe(string prefix)
    {
        foreach (var (known, description) in CredentialPrefixes)
        {
            if (known == prefix)
            {
                return description;
            }
        }

        return "an AWS access key ID";
    }

    /// <summary>Every access key ID in the text: a credential prefix and 16 characters of the base-32 alphabet
    /// AWS uses (A-Z, 2-7), not inside a longer run of letters and digits.</summary>
    public static void FindAccessKeyIds(string text, ref List<CredentialMatch>? matches)
    {
        var last = text.Length - AccessKeyIdLength;
        for (var i = 0; i <= last; i++)
        {
            if (text[i] != 'A' || (i > 0 && IsAlphanumeric(text[i - 1])))
            {
                continue;
            }

            var prefix = PrefixAt(text, i);
            if (prefix is null)
            {
                continue;
            }

            var end = i + AccessKeyIdLength;
            if (end < text.Length && IsAlphanumeric(text[end]))
            {
                continue;
            }

            var valid = true;
            for (var j = i + 4; j < end && valid; j++)
            {
                valid = IsBase32(text[j]);
            }

            if (valid)
            {
                (matches ??= new List<CredentialMatch>()).Add(new CredentialMatch(CredentialKind.AccessKeyId, i, AccessKeyIdLength, prefix,
                    string.CompareOrdinal(text, i, ExampleAccessKeyId, 0, AccessKeyIdLength) == 0, null));
                i = end - 1;
            }
        }
    }

    /// <summary>Every run of exactly 40 base-64 characters (A-Z, a-z, 0-9, '/', '+') with both upper- and
    /// lower-case letters: the shape of a secret access key. Hex digests (one case only) never match. Whether
    /// a candidate is reported depends on the name it is assigned to; see <see cref="IsSecretName"/>.
    /// When the text itself says <c>name = value</c> or <c>"name": "value"</c>, the name is filled in.</summary>
    public static void FindSecretCandidates(string text, ref List<CredentialMatch>? matches)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!IsBase64(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            bool upper = false, lower = false;
            while (i < text.Length && IsBase64(text[i]))
            {
                upper |= text[i] is >= 'A' and <= 'Z';
                lower |= text[i] is >= 'a' and <= 'z';
                i++;
            }

            // A following '=' is base-64 padding: the run is a longer encoded value, not a key.
            if (i - start == SecretAccessKeyLength && upper && lower && (i == text.Length || text[i] != '='))
            {
                (matches ??= new List<CredentialMatch>()).Add(new CredentialMatch(CredentialKind.SecretAccessKey, start, SecretAccessKeyLength, string.Empty,
                    string.CompareOrdinal(text, start, ExampleSecretAccessKey, 0, SecretAccessKeyLength) == 0, KeyBefore(text, start)));
            }
        }
    }

    /// <summary>True for names that say they hold an AWS secret key: secretAccessKey, aws_secret_access_key,
    /// SecretKey, AWS_SECRET_ACCESS_KEY, awsSecret… (case, '_', '-', '.' and ':' ignored).</summary>
    public static bool IsSecretName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        var normalised = new System.Text.StringBuilder(name!.Length);
        foreach (var c in name)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                normalised.Append(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                normalised.Append((char)(c + ('a' - 'A')));
            }
        }

        var text = normalised.ToString();
        return text.IndexOf("secretaccesskey", StringComparison.Ordinal) >= 0
            || text.IndexOf("secretkey", StringComparison.Ordinal) >= 0
            || (text.IndexOf("aws", StringComparison.Ordinal) >= 0 && text.IndexOf("secret", StringComparison.Ordinal) >= 0);
    }

    /// <summary>The name in <c>name=value</c>, <c>name: value</c>, <c>"name": "value"</c> or
    /// <c>name = 'value'</c> right before the value at <paramref name="start"/>, if any.</summary>
    internal static string? KeyBefore(string text, int start)
    {
        var i = start - 1;
        if (i >= 0 && text[i] is '"' or '\'')
        {
            i--;
        }

        while (i >= 0 && text[i] is ' ' or '\t')
        {
            i--;
        }

        if (i < 0 || text[i] is not ('=' or ':'))
        {
            return null;
        }

        i--;
        while (i >= 0 && text[i] is ' ' or '\t')
        {
            i--;
        }

        if (i >= 0 && text[i] is '"' or '\'')
        {
            i--;
        }

        var end = i + 1;
        while (i >= 0 && (IsAlphanumeric(text[i]) || text[i] is '_' or '-' or '.'))
        {
            i--;
        }

        return end - (i + 1) > 0 ? text.Substring(i + 1, end - (i + 1)) : null;
    }

    private static string? PrefixAt(string text, int i)
    {
        if (text[i + 1] == 'K' && text[i + 2] == 'I' && text[i + 3] == 'A')
        {
            return "AKIA";
        }

        if (text[i + 1] == 'S' && text[i + 2] == 'I' && text[i + 3] == 'A')
        {
            return "ASIA";
        }

        if (text[i + 1] == 'B' && text[i + 2] == 'I' && text[i + 3] == 'A')
        {
            return "ABIA";
        }

        if (text[i + 1] == 'C' && text[i + 2] == 'C' && text[i + 3] == 'A')
        {
            return "ACCA";
        }

        return null;
    }

    private static bool IsBase32(char c) => c is >= 'A' and <= 'Z' or >= '2' and <= '7';

    private static bool IsAlphanumeric(char c) => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9';

    private static bool IsBase64(char c) => IsAlphanumeric(c) || c is '/' or '+';
}
