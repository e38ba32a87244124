namespace StoreSales.CommandCenter.SalesForce;

/// <summary>
/// Reads an uploaded evidence file (API form or page) up to one byte past the configured limit: enough for the rule
/// (<c>EvidenceFile.Check</c>) to say "too large" in its own words, without ever holding more than that of a huge upload.
/// </summary>
public static class EvidenceUpload
{
    public static async Task<byte[]> ReadCapped(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var limit = maxBytes + 1L;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
