using System;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Idempotency keys on the episode (docs/storage.md "Idempotent commands"): the register keys the first event of a
/// keyed command; the pipeline refuses a key the history already holds, live and on replay (LIFE-11).
/// </summary>
public sealed partial class CafEpisode
{
    // Set by the register for one live command, on an instance it loaded and owns: stamped on the first event the
    // command records, then cleared. Never set on replay.
    private IdempotencyKey? _commandKey;

    // Set while the register asks which event a command would record first (a replayed key): the first event that
    // reaches the pipeline is kept and refused there, so nothing is checked, audited or applied.
    private bool _probing;
    private CafEvent? _probed;

    private static readonly Refusal ProbedRefusal = new("LIFE-11", "Not recorded: the command was only asked which event it records.", "idempotencyKey");

    /// <summary>The position of the event that carries <paramref name="key"/>, or -1: a lookup in the history's index of
    /// keys (<see cref="EventLog.IndexOfKey"/>), not a scan of every event (issue 26).</summary>
    internal int IndexOfKey(IdempotencyKey key) => _events.IndexOfKey(key);

    /// <summary>Keys the first event the next live command records (the register, before it runs a keyed command).</summary>
    internal void KeyNextEvent(IdempotencyKey key) => _commandKey = key;

    /// <summary>
    /// Runs a command only to learn the first event it would record: nothing is checked, audited or applied. Null
    /// when the command records none before refusing on its own (an argument check, a stage check of its own).
    /// The instance must be dropped afterwards (the command saw a refusal it would not otherwise see).
    /// </summary>
    internal CafEvent? Probe(Action<CafEpisode> command)
    {
        _probing = true;
        _probed = null;
        try
        {
            command(this);
            return _probed;
        }
        finally
        {
            _probing = false;
        }
    }

    // In the pipeline: a probe keeps the event and stops; otherwise null.
    private Result? ProbeStop(CafEvent e)
    {
        if (!_probing)
        {
            return null;
        }

        _probed ??= e;
        return Result.Refused(ProbedRefusal);
    }

    // In the pipeline, with the content checks: a key is applied once per episode (LIFE-11), whether the event carries it
    // (replay) or the register's key is about to go on it (live).
    private Refusal? KeyProblem(CafEvent e, bool live)
    {
        if ((e.IdempotencyKey ?? (live ? _commandKey : null)) is not { } key)
        {
            return null;
        }

        var at = IndexOfKey(key);
        return at < 0
            ? null
            : new Refusal("LIFE-11",
                $"Idempotency key '{key}' is already on event {at} ({LifecycleDisplayText.For(_events[at])}): a key records one command once per episode.",
                "idempotencyKey");
    }

    // In the pipeline, just before applying a live event: the register's key goes on the command's first event.
    private CafEvent Keyed(CafEvent e, bool live)
    {
        if (!live || _commandKey is not { } key)
        {
            return e;
        }

        _commandKey = null;
        return e with { IdempotencyKey = key };
    }
}
