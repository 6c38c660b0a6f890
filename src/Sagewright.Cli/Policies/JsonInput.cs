using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sagewright.Cli.Policies;

/// <summary>Parses JSON input files, turning syntax errors into one message with the file, the
/// 1-based line and the 1-based character position.</summary>
public static class JsonInput
{
    /// <summary>Parses <paramref name="bytes"/> (UTF-8, with or without a byte order mark). Invalid UTF-8 and an
    /// object that names one member twice (<c>"Effect"</c> twice in a statement, a condition operator twice) are
    /// errors: readers disagree on which of two values wins, so such a file could mean one thing to IAM and
    /// another to this tool.</summary>
    public static JsonDocument Parse(byte[] bytes, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > Sources.InputFiles.MaxBytes)
        {
            throw Sources.InputFiles.TooLarge(displayPath);
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var memory = new ReadOnlyMemory<byte>(bytes, start, bytes.Length - start);
        if (!System.Text.Unicode.Utf8.IsValid(memory.Span))
        {
            throw InvalidUtf8(memory.Span, displayPath);
        }

        try
        {
            RejectDuplicateMembers(memory.Span, displayPath);
            return JsonDocument.Parse(memory, new JsonDocumentOptions
            {
                AllowTrailingCommas = false,
                CommentHandling = JsonCommentHandling.Disallow,
                AllowDuplicateProperties = false,
                MaxDepth = 64,
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

    /// <summary>Walks the tokens once with a set of member names per open object; the first name seen twice in
    /// one object is an error at its position. (Syntax errors surface here too, as the reader's own.)</summary>
    private static void RejectDuplicateMembers(ReadOnlySpan<byte> utf8, string displayPath)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        var open = new Stack<HashSet<string>?>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    open.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.StartArray:
                    open.Push(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    open.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    if (open.Peek() is { } names && !names.Add(name))
                    {
                        var offset = (int)reader.TokenStartIndex;
                        var line = utf8[..offset].Count((byte)'\n');
                        var lineStart = utf8[..offset].LastIndexOf((byte)'\n') + 1;
                        var position = CharacterPosition(utf8, line, offset - lineStart) + 1;
                        throw new CliException(string.Create(CultureInfo.InvariantCulture,
                            $"{displayPath}: invalid JSON at line {line + 1}, position {position}: the member \"{name}\" appears twice in one object"));
                    }

                    break;
            }
        }
    }

    /// <summary>Where the first invalid byte is, as a 1-based line and byte of that line.</summary>
    private static CliException InvalidUtf8(ReadOnlySpan<byte> utf8, string displayPath)
    {
        var valid = 0;
        while (valid < utf8.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(utf8[valid..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            valid += consumed;
        }

        var line = utf8[..valid].Count((byte)'\n') + 1;
        var lineStart = utf8[..valid].LastIndexOf((byte)'\n') + 1;
        return new CliException(string.Create(CultureInfo.InvariantCulture,
            $"{displayPath}: not valid UTF-8 at line {line}, byte {valid - lineStart + 1} of the line (policy files are UTF-8 text)"));
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
