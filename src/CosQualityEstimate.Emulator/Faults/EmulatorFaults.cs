using CosQualityEstimate.Emulator.Faults;

namespace CosQualityEstimate.Emulator;

/// <summary>
/// Fault injection knobs of a <see cref="CosEmulator"/>. Thread-safe and deterministic: one-shot faults are taken in FIFO
/// order by the first matching request; the probabilistic knobs draw from a <see cref="Random"/> seeded with
/// <see cref="Seed"/>, in a fixed order per request (error rates by ascending status, then drop-before, then drop-after).
/// Latency and slow bodies use real time (<see cref="Task.Delay(TimeSpan)"/>), never the emulator's TimeProvider.
/// </summary>
public sealed class EmulatorFaults
{
    /// <summary>The seed used until <see cref="Seed"/> is set.</summary>
    public const int DefaultSeed = 20220627;

    private readonly object _gate = new();
    private readonly List<EmulatorFault> _queue = new();
    private readonly SortedDictionary<int, double> _errorRates = new();
    private Random _random = new(DefaultSeed);
    private int _seed = DefaultSeed;
    private double _dropBeforeRate;
    private double _dropAfterRate;
    private TimeSpan _addedLatency;
    private int _slowBodyBytesPerSecond;
    private int _injected;

    internal EmulatorFaults()
    {
    }

    /// <summary>Seed of the random generator of the probabilistic knobs; setting it restarts the sequence.</summary>
    public int Seed
    {
        get
        {
            lock (_gate)
            {
                return _seed;
            }
        }

        set
        {
            lock (_gate)
            {
                _seed = value;
                _random = new Random(value);
            }
        }
    }

    /// <summary>Probability (0 to 1) that a request's connection is aborted before it is processed.</summary>
    public double DropBeforeProcessingRate
    {
        get => Read(ref _dropBeforeRate);
        set => Write(ref _dropBeforeRate, CheckRate(value));
    }

    /// <summary>Probability (0 to 1) that a request is processed and then its connection aborted without a response.</summary>
    public double DropAfterProcessingRate
    {
        get => Read(ref _dropAfterRate);
        set => Write(ref _dropAfterRate, CheckRate(value));
    }

    /// <summary>Real-time latency added to every request before it is processed (zero by default).</summary>
    public TimeSpan AddedLatency
    {
        get
        {
            lock (_gate)
            {
                return _addedLatency;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_gate)
            {
                _addedLatency = value;
            }
        }
    }

    /// <summary>When positive, response bodies are written in small chunks at about this many bytes per second (real time); 0 disables.</summary>
    public int SlowBodyBytesPerSecond
    {
        get
        {
            lock (_gate)
            {
                return _slowBodyBytesPerSecond;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (_gate)
            {
                _slowBodyBytesPerSecond = value;
            }
        }
    }

    /// <summary>Number of faults injected so far (one-shot and probabilistic; latency and slow bodies are not counted).</summary>
    public int InjectedCount => Volatile.Read(ref _injected);

    /// <summary>Number of one-shot faults still queued.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Queues a one-shot fault for the next request it matches.</summary>
    /// <param name="fault">The fault.</param>
    public void Enqueue(EmulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _queue.Add(fault);
        }
    }

    /// <summary>Sets the probability (0 to 1) that a request is answered with <paramref name="status"/> without processing; 0 removes it.</summary>
    /// <param name="status">HTTP status, 400 to 599. The error code is derived from it (500 InternalError, 502 BadGateway, 503 ServiceUnavailable, 504 GatewayTimeout, 429 SlowDown, else InjectedFault).</param>
    /// <param name="rate">The probability.</param>
    public void SetErrorRate(int status, double rate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        CheckRate(rate);
        lock (_gate)
        {
            if (rate == 0)
            {
                _errorRates.Remove(status);
            }
            else
            {
                _errorRates[status] = rate;
            }
        }
    }

    /// <summary>Clears the queue and every knob, resets <see cref="InjectedCount"/> and restarts the random sequence from <see cref="Seed"/>.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _queue.Clear();
            _errorRates.Clear();
            _dropBeforeRate = 0;
            _dropAfterRate = 0;
            _addedLatency = TimeSpan.Zero;
            _slowBodyBytesPerSecond = 0;
            _random = new Random(_seed);
            Volatile.Write(ref _injected, 0);
        }
    }

    /// <summary>Decides what happens to a request with <paramref name="method"/>.</summary>
    internal FaultPlan Next(string method)
    {
        lock (_gate)
        {
            EmulatorFault? oneShot = null;
            for (var i = 0; i < _queue.Count; i++)
            {
                if (_queue[i].Matches(method))
                {
                    oneShot = _queue[i];
                    _queue.RemoveAt(i);
                    break;
                }
            }

            var errorStatus = 0;
            var dropBefore = false;
            var dropAfter = false;
            if (oneShot is null)
            {
                foreach (var (status, rate) in _errorRates)
                {
                    if (_random.NextDouble() < rate && errorStatus == 0)
                    {
                        errorStatus = status;
                    }
                }

                dropBefore = _dropBeforeRate > 0 && _random.NextDouble() < _dropBeforeRate;
                dropAfter = _dropAfterRate > 0 && _random.NextDouble() < _dropAfterRate;
            }

            if (oneShot is not null || errorStatus != 0 || dropBefore || dropAfter)
            {
                _injected++;
            }

            if (oneShot is null && errorStatus == 0 && !dropBefore && !dropAfter && _addedLatency == TimeSpan.Zero && _slowBodyBytesPerSecond == 0)
            {
                return FaultPlan.None;
            }

            return new FaultPlan
            {
                OneShot = oneShot,
                ErrorStatus = errorStatus,
                ErrorCode = errorStatus == 0 ? null : CodeFor(errorStatus),
                DropBefore = dropBefore,
                DropAfter = dropAfter,
                Latency = _addedLatency,
                SlowBodyBytesPerSecond = _slowBodyBytesPerSecond,
            };
        }
    }

    private static string CodeFor(int status) => status switch
    {
        500 => "InternalError",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        429 => "SlowDown",
        _ => "InjectedFault",
    };

    private static double CheckRate(double rate)
    {
        if (double.IsNaN(rate) || rate < 0 || rate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A rate must be between 0 and 1.");
        }

        return rate;
    }

    private double Read(ref double field)
    {
        lock (_gate)
        {
            return field;
        }
    }

    private void Write(ref double field, double value)
    {
        lock (_gate)
        {
            field = value;
        }
    }
}
