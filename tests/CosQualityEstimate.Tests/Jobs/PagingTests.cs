using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>The one pageable: jobs, batches and objects page through <see cref="AsyncPageable{T}"/>; the 1.0 types are typed views of it.</summary>
public sealed class PagingTests
{
    private static Page<string> PageOf(string? next, params string[] values) => new(values, next);

    [Fact]
    public async Task Pageable_FollowsTokens_AndStopsOnATokenHandedBackUnchanged()
    {
        var asked = new List<string?>();
        var pageable = new AsyncPageable<string>((token, _) =>
        {
            asked.Add(token);
            return Task.FromResult(token switch
            {
                null => PageOf("t1", "a", "b"),
                "t1" => PageOf("t2", "c"),
                _ => PageOf("t2", "d"), // hands back its own token: would loop forever
            });
        });

        var values = new List<string>();
        await foreach (var value in pageable)
        {
            values.Add(value);
        }

        Assert.Equal(new[] { "a", "b", "c", "d" }, values);
        Assert.Equal(new string?[] { null, "t1", "t2" }, asked);
    }

    [Fact]
    public async Task Pageable_ResumesAfterAContinuationToken()
    {
        var pageable = new AsyncPageable<string>((token, _) => Task.FromResult(token == "t1" ? PageOf(null, "c") : PageOf("t1", "a")));

        var pages = new List<Page<string>>();
        await foreach (var page in pageable.AsPages("t1"))
        {
            pages.Add(page);
        }

        Assert.Equal("c", Assert.Single(Assert.Single(pages).Values));
        Assert.Null(pages[0].ContinuationToken);
    }

    [Fact]
    public async Task JobsPageable_IsAnAsyncPageable_WhosePagesAreJobsPages()
    {
        var job = CosQualityEstimateModelFactory.JobDetail(jobId: "j1");
        AsyncPageable<JobDetail> pageable = new JobsPageable((token, _) => Task.FromResult(new JobsPage(new[] { job }, token is null ? "t1" : null, "r1")));

        var pages = new List<Page<JobDetail>>();
        await foreach (var page in pageable.AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(2, pages.Count);
        Assert.All(pages, p => Assert.Same(job, Assert.IsType<JobsPage>(p).Jobs[0]));
        Assert.Equal("r1", pages[0].RequestId);
    }

    [Fact]
    public async Task JobsPageableMock_OverridingItsTypedPages_IsWhatTheBaseEnumerates()
    {
        AsyncPageable<JobDetail> pageable = new MockJobsPageable();

        var ids = new List<string>();
        await foreach (var job in pageable)
        {
            ids.Add(job.JobId);
        }

        Assert.Equal(new[] { "m1" }, ids);
    }

    [Fact]
    public void OneZeroPages_AreTypedPages()
    {
        var objects = new ObjectsPage(new[] { new ObjectItem("k", 1, "e", DateTimeOffset.UnixEpoch, null) }, "");
        Page<ObjectItem> page = objects;

        Assert.Same(objects.Items, page.Values);
        Assert.Null(page.ContinuationToken); // an empty marker is the last page, as for jobs
    }

    private sealed class MockJobsPageable : JobsPageable
    {
        public override async IAsyncEnumerable<JobsPage> AsPages(string? continuationToken = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new JobsPage(new[] { CosQualityEstimateModelFactory.JobDetail(jobId: "m1") }, null);
        }
    }
}
