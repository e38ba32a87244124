namespace StoreSales.Edge.Devices;

/// <summary>A device's named counters, safe to bump from its reader and read from anywhere.</summary>
public sealed class DeviceCounters
{
    private readonly string[] _names;
    private readonly long[] _values;

    public DeviceCounters(params string[] names)
    {
        _names = names;
        _values = new long[names.Length];
    }

    public long this[string name] => Interlocked.Read(ref _values[IndexOf(name)]);

    public void Increment(string name) => Interlocked.Increment(ref _values[IndexOf(name)]);

    public IReadOnlyDictionary<string, long> ToDictionary()
    {
        var values = new Dictionary<string, long>(_names.Length, StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            values[_names[i]] = Interlocked.Read(ref _values[i]);
        }

        return values;
    }

    private int IndexOf(string name)
    {
        var index = Array.IndexOf(_names, name);
        return index >= 0 ? index : throw new ArgumentException($"No counter named '{name}'.", nameof(name));
    }
}
