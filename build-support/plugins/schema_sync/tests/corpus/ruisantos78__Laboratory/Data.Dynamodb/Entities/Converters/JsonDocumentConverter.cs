// corpus: modelled on ruisantos78/Laboratory (RuiSantos.Labs.Data.Dynamodb entities; commit and path not recorded by the index search); written for schema_sync, not copied
using System.Text.Json;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;

namespace Lab.Data.Dynamodb.Entities.Converters;

public class JsonDocumentConverter<TModel>: IPropertyConverter {
    public object? FromEntry(DynamoDBEntry entry)
    {
        var json = entry.AsDocument().ToJson();
        return JsonSerializer.Deserialize<TModel>(json);
    }

    public DynamoDBEntry ToEntry(object value)
    {
        var json = JsonSerializer.Serialize(value);
        return Document.FromJson(json);
    }
}
