using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sagewright.Cli.Policies;

/// <summary>Parses JSON input files, turning syntax errors into one message with the file, the
/// 1-based line and the 1-based character position.</summary>
public static class JsonInput
{
    public static JsonDocument Parse(byte[] bytes, string displayPath)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var memory = new ReadOnlyMemory<byte>(bytes, start, bytes.Length - start);
        try
        {
            return JsonDocument.Parse(memory, new JsonDocumentOptions
            {
                AllowTrailingCommas = false,
                CommentHandling = JsonCommentHandling.Disallow,
            });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var position = CharacterPosition(memory.Span, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0) + 1;
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{displayPath}: invalid JSON at line {line}, position {position}: {Reason(ex.Message)}"), ex);
        }
    }

    /// <summary>The reader's message without its own "LineNumber: n | BytePositionInLine: m." tail (those
    /// are 0-based bytes; the message gives 1-based characters instead).</summary>
    private static string Reason(string message)
    {
        var tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (tail >= 0 ? message[..tail] : message).Trim();
        if (reason.Contains("trailing comma", StringComparison.Ordinal))
        {
            return "a trailing comma is not allowed in JSON";
        }

        if (reason.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return "the file holds no JSON value";
        }

        // The reader's advice is about its own options, not the user's file.
        reason = reason.Replace(" Change the reader options.", "", StringComparison.Ordinal)
            .Replace(", when isFinalBlock is true", "", StringComparison.Ordinal);
        return reason.Length == 0 ? "syntax error" : reason;
    }

    /// <summary>Converts the reader's byte offset within a line into a character offset, so a line with
    /// non-ASCII text before the error still points at the right column.</summary>
    private static long CharacterPosition(ReadOnlySpan<byte> utf8, long lineNumber, long bytePosition)
    {
        var lineStart = 0;
        for (long line = 0; line < lineNumber; line++)
        {
            var next = utf8[lineStart..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return bytePosition;
            }

            lineStart += next + 1;
        }

        var length = (int)Math.Min(bytePosition, utf8.Length - lineStart);
        try
        {
            return new UTF8Encoding(false, true).GetCharCount(utf8.Slice(lineStart, length));
        }
        catch (DecoderFallbackException)
        {
            return bytePosition;
        }
    }

    /// <summary>"an object", "an array", "a string" ...: how messages describe what was found.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
