using System.Xml.Linq;

namespace CosQualityEstimate.Architecture.Tests;

/// <summary>The library's XML docs (the IntelliSense users read) promise what the code does.</summary>
public sealed class XmlDocsTests
{
    [Fact]
    public void CosServiceException_IsNeverDocumentedAsAnUnreadableAnswer()
    {
        // An unreadable answer is a CosResponseFormatException (or, for a submit, SubmitOutcomeUnknownException); a
        // CosServiceException is the service's refusal.
        var docs = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "CosQualityEstimate.xml"));
        var serviceExceptionDocs = docs.Descendants("exception")
            .Where(e => (string?)e.Attribute("cref") == "T:CosQualityEstimate.CosServiceException")
            .Select(e => $"{e.Parent?.Attribute("name")?.Value}: {e.Value}")
            .ToList();

        Assert.NotEmpty(serviceExceptionDocs);
        Expect.None(serviceExceptionDocs.Where(d => d.Contains("unreadab", StringComparison.OrdinalIgnoreCase)).ToList());
    }
}
