using System;
using System.Text;

namespace Sagewright.Outputs;

/// <summary>The <c>sourcedir.tar.gz</c> of a training script, byte for byte the same wherever it is built: a POSIX
/// ustar archive holding the script at its top level (mode 0644, owner and group 0 with no names, modification time
/// 0), compressed as gzip with stored (uncompressed) deflate blocks, a zero timestamp and no file name, so that no
/// zlib version, clock or user changes a byte. The hash in <c>artifacts.json</c> is of these bytes; the build writes
/// them beside it (a <c>binary</c> record of <see cref="GeneratedOutputFormat"/>).</summary>
internal static class SourceArchive
{
    private const int BlockSize = 512;
    private const int MaxStoredBlock = 65535;

    /// <summary>The archive of one file.</summary>
    /// <param name="fileName">The name the file has in the archive (no folder).</param>
    /// <param name="content">The file's bytes.</param>
    public static byte[] Pack(string fileName, byte[] content) => Gzip(Tar(fileName, content));

    private static byte[] Tar(string fileName, byte[] content)
    {
        var dataBlocks = (content.Length + BlockSize - 1) / BlockSize;
        var tar = new byte[BlockSize + (dataBlocks * BlockSize) + (2 * BlockSize)]; // header, data, two zero blocks
        var name = Encoding.UTF8.GetBytes(fileName);
        Array.Copy(name, tar, Math.Min(name.Length, 100));
        Octal(tar, 100, 8, 0x1A4); // mode 0644
        Octal(tar, 108, 8, 0); // uid
        Octal(tar, 116, 8, 0); // gid
        Octal(tar, 124, 12, content.Length);
        Octal(tar, 136, 12, 0); // mtime
        for (var i = 148; i < 156; i++)
        {
            tar[i] = (byte)' '; // the checksum counts its own field as spaces
        }

        tar[156] = (byte)'0'; // regular file
        Ascii(tar, 257, "ustar\0");
        Ascii(tar, 263, "00");
        var checksum = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            checksum += tar[i];
        }

        Octal(tar, 148, 7, checksum);
        tar[155] = (byte)' ';
        Array.Copy(content, 0, tar, BlockSize, content.Length);
        return tar;
    }

    private static byte[] Gzip(byte[] data)
    {
        var blocks = Math.Max(1, (data.Length + MaxStoredBlock - 1) / MaxStoredBlock);
        var output = new byte[10 + data.Length + (blocks * 5) + 8];
        output[0] = 0x1f;
        output[1] = 0x8b;
        output[2] = 8; // deflate
        output[9] = 255; // OS unknown; flags, mtime and extra flags stay 0
        var at = 10;
        for (var block = 0; block < blocks; block++)
        {
            var start = block * MaxStoredBlock;
            var length = Math.Min(MaxStoredBlock, data.Length - start);
            output[at++] = (byte)(block == blocks - 1 ? 1 : 0); // BFINAL, BTYPE 00 (stored)
            output[at++] = (byte)length;
            output[at++] = (byte)(length >> 8);
            output[at++] = (byte)~length;
            output[at++] = (byte)(~length >> 8);
            Array.Copy(data, start, output, at, length);
            at += length;
        }

        WriteUInt32(output, at, Crc32(data));
        WriteUInt32(output, at + 4, (uint)data.Length);
        return output;
    }

    private static void Octal(byte[] buffer, int offset, int width, long value)
    {
        // width - 1 octal digits, then a NUL.
        var digits = Convert.ToString(value, 8).PadLeft(width - 1, '0');
        Ascii(buffer, offset, digits);
        buffer[offset + width - 1] = 0;
    }

    private static void Ascii(byte[] buffer, int offset, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            buffer[offset + i] = (byte)text[i];
        }
    }

    private static void WriteUInt32(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)value;
        buffer[offset + 1] = (byte)(value >> 8);
        buffer[offset + 2] = (byte)(value >> 16);
        buffer[offset + 3] = (byte)(value >> 24);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
