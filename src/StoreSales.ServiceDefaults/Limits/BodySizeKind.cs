using Microsoft.AspNetCore.Builder;

namespace StoreSales.ServiceDefaults.Limits;

/// <summary>Which of the <c>Limits</c> body sizes an endpoint has (<see cref="RequestLimitOptions.BodyLimit"/>).</summary>
public enum BodySizeKind
{
    /// <summary><c>Limits:MaxBodyBytes</c>: every endpoint not marked otherwise.</summary>
    Other,

    /// <summary><c>Limits:MaxIngestBodyBytes</c>: an edge agent's batches.</summary>
    Ingest,

    /// <summary><c>Limits:MaxFileUploadBytes</c>: CSV imports and evidence files, each also bounded by its own setting.</summary>
    FileUpload,
}

/// <summary>The endpoint metadata <see cref="BodySizeLimit"/> reads.</summary>
public sealed record BodySizeMetadata(BodySizeKind Kind);

public static class BodySizeEndpointExtensions
{
    /// <summary>Gives the endpoint (or group) the body limit of <paramref name="kind"/> instead of <c>Limits:MaxBodyBytes</c>.</summary>
    public static TBuilder WithBodySize<TBuilder>(this TBuilder builder, BodySizeKind kind)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodySizeMetadata(kind));
}
