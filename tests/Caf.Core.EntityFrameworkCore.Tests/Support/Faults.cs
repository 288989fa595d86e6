using System;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Caf.Core.EntityFrameworkCore.Tests.Support;

/// <summary>Throws when a transaction is about to commit (after every row of the save was written), while armed.</summary>
public sealed class CommitFault : DbTransactionInterceptor
{
    public volatile bool Armed;

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        Armed ? throw new InvalidOperationException("Simulated crash before commit.") : ValueTask.FromResult(result);

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        Armed ? throw new InvalidOperationException("Simulated crash before commit.") : result;
}

/// <summary>Records the SQL of every command, while recording.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    public volatile bool Recording;

    private int _rowsWritten;

    public ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>Rows inserted, updated or deleted by the recorded commands (the drivers' records-affected counts).</summary>
    public int RowsWritten
    {
        get => Volatile.Read(ref _rowsWritten);
        set => Volatile.Write(ref _rowsWritten, value);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Count(result);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(result);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Drain(eventData.DataReader);
        return result;
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Drain(eventData.DataReader);
        return ValueTask.FromResult(result);
    }

    // EF Core has read the batch's results; what the reader still holds is consumed so its records-affected count is final.
    private void Drain(DbDataReader reader)
    {
        if (!Recording)
        {
            return;
        }

        while (reader.NextResult())
        {
        }

        Count(reader.RecordsAffected);
    }

    private void Count(int rows)
    {
        if (Recording && rows > 0)
        {
            Interlocked.Add(ref _rowsWritten, rows);
        }
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Log(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Log(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Log(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Log(command);
        return result;
    }

    private void Log(DbCommand command)
    {
        if (Recording)
        {
            Commands.Enqueue(command.CommandText);
        }
    }
}

/// <summary>Counts the contexts' SaveChanges calls (a host's SaveChangesInterceptor sees exactly these).</summary>
public sealed class SaveChangesCount : SaveChangesInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}

/// <summary>A publisher that records what it delivered and throws while told to.</summary>
public sealed class RecordingPublisher : IEpisodeEventPublisher
{
    public volatile bool Failing;

    public ConcurrentQueue<EpisodeEventEnvelope> Delivered { get; } = new();

    public ValueTask PublishAsync(EpisodeEventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new InvalidOperationException("The warehouse is down.");
        }

        Delivered.Enqueue(envelope);
        return ValueTask.CompletedTask;
    }
}
