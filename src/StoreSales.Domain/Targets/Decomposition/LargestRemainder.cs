namespace StoreSales.Domain.Targets.Decomposition;

/// <summary>
/// Splits an amount of money in proportion to weights so that the parts add up to it to the cent (largest-remainder
/// rounding): each part is first rounded down to the cent, then the cents left over go one each to the parts that lost
/// the most, ties to the earlier part. All weights zero: an equal split.
/// </summary>
public static class LargestRemainder
{
    private const decimal Cent = 0.01m;

    public static decimal[] Split(decimal total, IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (total < 0 || decimal.Round(total, 2) != total)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "The amount must be zero or more, in whole cents.");
        }

        if (weights.Any(w => w < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(weights), "Weights must not be negative.");
        }

        var count = weights.Count;
        if (count == 0)
        {
            return [];
        }

        var sum = weights.Sum();
        var parts = new decimal[count];
        var remainders = new decimal[count];
        for (var i = 0; i < count; i++)
        {
            // Dividing first keeps the product inside decimal's range however large the weights are.
            var exact = sum == 0 ? total / count : total * (weights[i] / sum);
            parts[i] = Math.Floor(exact / Cent) * Cent;
            remainders[i] = exact - parts[i];
        }

        var leftCents = (int)((total - parts.Sum()) / Cent);
        var order = Enumerable.Range(0, count).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        for (var k = 0; k < leftCents; k++)
        {
            // More cents left than parts only by decimal's last-digit rounding of the shares: go round again.
            parts[order[k % count]] += Cent;
        }

        return parts;
    }
}
