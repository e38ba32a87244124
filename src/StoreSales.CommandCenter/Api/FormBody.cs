namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Reads a multipart/form-data body itself, so that a malformed one (a part without its Content-Disposition, a body cut
/// short) is refused as a bad request naming <c>file</c> instead of failing the request with 500 (found by the
/// authorization matrix, which posts an empty multipart body to every upload).
/// </summary>
public static class FormBody
{
    /// <summary>The form, or null when the body is not a readable multipart form.</summary>
    public static async Task<IFormCollection?> Read(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The answer to a form that could not be read.</summary>
    public static Dictionary<string, string[]> Malformed => new() { ["file"] = ["The multipart/form-data body could not be read: send the file in the field 'file'."] };
}
