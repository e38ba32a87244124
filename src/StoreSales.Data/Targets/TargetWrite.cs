using StoreSales.Domain.Targets.Changes;

namespace StoreSales.Data.Targets;

/// <summary>One target to set: the level and subject (region, store or rep id), the month, the new amount and why.</summary>
public sealed record TargetWrite(TargetLevel Level, string SubjectId, DateOnly Month, decimal NewAmount, string? Reason);

/// <summary>A target that changed, with the amount before (null: the month had none) and after.</summary>
public sealed record TargetChanged(TargetLevel Level, string SubjectId, string RegionId, string? StoreId, DateOnly Month, decimal? OldAmount, decimal NewAmount);

/// <summary>The outcome of a batch of target writes: all applied, or none (the first refusal, with its row).</summary>
public abstract record TargetWriteResult;

/// <summary>Every write of the batch is committed; <see cref="Changes"/> lists those that changed a value.</summary>
public sealed record TargetsWritten(IReadOnlyList<TargetChanged> Changes) : TargetWriteResult;

/// <summary>Nothing written: write number <see cref="Index"/> of the batch is refused by <see cref="Refused"/>.</summary>
public sealed record TargetWriteRefused(int Index, TargetWrite Write, TargetRefused Refused) : TargetWriteResult;

/// <summary>Nothing written: write number <see cref="Index"/> names a region, store or rep that does not exist.</summary>
public sealed record TargetSubjectUnknown(int Index, TargetWrite Write) : TargetWriteResult;
