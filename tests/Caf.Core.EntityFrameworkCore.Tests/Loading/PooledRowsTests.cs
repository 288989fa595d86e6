using System;
using System.Data;
using System.Data.Common;
using System.Linq;
using System.Text;
using Caf.Core.EntityFrameworkCore.Mapping;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.EntityFrameworkCore.Tests.Loading;

/// <summary>
/// Issue 26: a cold load reads the rows' JSON from the data reader into one pooled buffer (<see cref="StoredRows"/>,
/// <see cref="PooledUtf8"/>), grown by renting larger ones. Each row must read back exactly as the database handed it, in
/// order, however many rows and however large, whether the reader hands a value's bytes in one call or in pieces, and a
/// NULL is an empty row (which the checks then report, never a crash).
/// </summary>
public class PooledRowsTests
{
    [Trait("Rule", "LIFE-11")]
    [Property(MaxTest = 200)]
    public Property Every_row_reads_back_as_the_reader_handed_it(NonNull<string>[] texts, PositiveInt piece, bool whole)
    {
        var values = texts.Select(t => Encoding.UTF8.GetBytes(t.Get + "é😀")).ToArray();
        using var reader = new PieceReader(values, piece.Get);
        using var rows = new StoredRows();
        var sequence = 0;
        while (reader.Read())
        {
            rows.Add(sequence++, reader, 0, whole);
        }

        var same = rows.Count == values.Length
            && Enumerable.Range(0, values.Length).All(i => rows[i].Sequence == i && rows[i].Utf8.Span.SequenceEqual(values[i]));
        return same.Label($"{values.Length} rows read {(whole ? "whole" : $"{piece.Get} bytes at a time")}");
    }

    [Trait("Rule", "LIFE-11")]
    [Property(MaxTest = 100)]
    public Property Rows_added_as_text_are_their_utf8(NonNull<string>[] texts)
    {
        using var rows = new StoredRows();
        for (var i = 0; i < texts.Length; i++)
        {
            rows.Add(10 + i, texts[i].Get);
        }

        return (rows.Count == texts.Length
            && Enumerable.Range(0, texts.Length).All(i => rows[i].Sequence == 10 + i && rows[i].Json == Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(texts[i].Get)))).ToProperty();
    }

    [Trait("Rule", "LIFE-11")]
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_null_value_is_an_empty_row_between_its_neighbours(bool whole)
    {
        using var reader = new PieceReader([[1, 2, 3], null, [4]], 2);
        using var rows = new StoredRows();
        var sequence = 0;
        while (reader.Read())
        {
            rows.Add(sequence++, reader, 0, whole);
        }

        Assert.Equal([[1, 2, 3], [], [4]], rows.Select(r => r.Utf8.ToArray()).ToArray());
    }

    [Trait("Rule", "LIFE-11")]
    [Property(MaxTest = 100)]
    public Property A_snapshot_read_from_a_stream_or_in_pieces_after_other_values_is_the_value(NonNull<string> text, NonNull<string> before, PositiveInt piece, bool stream)
    {
        var value = Encoding.UTF8.GetBytes(text.Get + "😀");
        using var reader = new PieceReader([value], piece.Get);
        reader.Read();
        using var utf8 = new PooledUtf8();
        var start = utf8.Append(before.Get);

        if (stream)
        {
            using var blob = new System.IO.MemoryStream(value, writable: false);
            utf8.Append(blob);
        }
        else
        {
            utf8.Append(reader, 0);
        }

        var expected = Encoding.UTF8.GetBytes(before.Get).Concat(value).ToArray();
        return (start == 0 && utf8.Span.SequenceEqual(expected)).ToProperty();
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void A_disposed_buffer_holds_nothing()
    {
        var utf8 = new PooledUtf8();
        utf8.Append(new string('x', 5000));
        Assert.Equal(5000, utf8.Length);

        utf8.Dispose();

        Assert.Equal(0, utf8.Length);
        Assert.True(utf8.Span.IsEmpty);
    }

    // A data reader over one binary column that hands at most `piece` bytes per GetBytes call (as a provider may).
    private sealed class PieceReader(byte[]?[] values, int piece) : DbDataReader
    {
        private readonly DataTableReader _inner = Table(values).CreateDataReader();

        public override int FieldCount => 1;

        public override bool HasRows => values.Length > 0;

        public override bool IsClosed => _inner.IsClosed;

        public override int RecordsAffected => -1;

        public override int Depth => 0;

        public override object this[int ordinal] => _inner[ordinal];

        public override object this[string name] => _inner[name];

        public override bool Read() => _inner.Read();

        public override bool NextResult() => false;

        public override bool IsDBNull(int ordinal) => _inner.IsDBNull(ordinal);

        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
            _inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, buffer is null ? length : Math.Min(length, piece));

        public override bool GetBoolean(int ordinal) => throw new NotSupportedException();

        public override byte GetByte(int ordinal) => throw new NotSupportedException();

        public override char GetChar(int ordinal) => throw new NotSupportedException();

        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

        public override string GetDataTypeName(int ordinal) => _inner.GetDataTypeName(ordinal);

        public override DateTime GetDateTime(int ordinal) => throw new NotSupportedException();

        public override decimal GetDecimal(int ordinal) => throw new NotSupportedException();

        public override double GetDouble(int ordinal) => throw new NotSupportedException();

        public override Type GetFieldType(int ordinal) => typeof(byte[]);

        public override float GetFloat(int ordinal) => throw new NotSupportedException();

        public override Guid GetGuid(int ordinal) => throw new NotSupportedException();

        public override short GetInt16(int ordinal) => throw new NotSupportedException();

        public override int GetInt32(int ordinal) => throw new NotSupportedException();

        public override long GetInt64(int ordinal) => throw new NotSupportedException();

        public override string GetName(int ordinal) => "json";

        public override int GetOrdinal(string name) => 0;

        public override string GetString(int ordinal) => throw new NotSupportedException();

        public override object GetValue(int ordinal) => _inner.GetValue(ordinal);

        public override int GetValues(object[] values) => _inner.GetValues(values);

        public override System.Collections.IEnumerator GetEnumerator() => _inner.GetEnumerator();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private static DataTable Table(byte[]?[] values)
        {
            var table = new DataTable();
            table.Columns.Add("json", typeof(byte[]));
            foreach (var value in values)
            {
                table.Rows.Add(value is null ? DBNull.Value : value);
            }

            return table;
        }
    }
}
