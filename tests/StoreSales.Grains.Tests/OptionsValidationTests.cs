using StoreSales.Data.Interventions;

namespace StoreSales.Grains.Tests;

public sealed class OptionsValidationTests
{
    [Fact]
    public void The_documented_defaults_are_valid()
    {
        Assert.Null(new LiveOptions().Validate());
        Assert.Null(new InterventionJournalOptions().Validate());
        Assert.Equal((10, 1000, 4), ((int)new LiveOptions().CheckpointInterval.TotalSeconds, new LiveOptions().CheckpointAfterSales, new LiveOptions().RegionWarmUpConcurrency));
        Assert.Equal(4, new InterventionJournalOptions().JournalConcurrency);
    }

    [Fact]
    public void Settings_that_would_stop_checkpoints_or_warm_up_are_refused_at_start()
    {
        Assert.Contains("CheckpointInterval", new LiveOptions { CheckpointInterval = TimeSpan.Zero }.Validate(), StringComparison.Ordinal);
        Assert.Contains("CheckpointAfterSales", new LiveOptions { CheckpointAfterSales = 0 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("RegionWarmUpConcurrency", new LiveOptions { RegionWarmUpConcurrency = 0 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("JournalConcurrency", new InterventionJournalOptions { JournalConcurrency = 0 }.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_nightly_grading_run_refuses_a_check_period_or_concurrency_it_cannot_keep()
    {
        Assert.Null(new Grading.NightlyGradingOptions().Validate());
        Assert.Contains("CheckEvery", new Grading.NightlyGradingOptions { CheckEvery = TimeSpan.Zero }.Validate(), StringComparison.Ordinal);
        Assert.Contains("CheckEvery", new Grading.NightlyGradingOptions { CheckEvery = TimeSpan.FromHours(2) }.Validate(), StringComparison.Ordinal);
        Assert.Contains("AlertConcurrency", new Grading.NightlyGradingOptions { AlertConcurrency = 0 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("AlertPageSize", new Grading.NightlyGradingOptions { AlertPageSize = 0 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("KeepGradesDays", new Grading.NightlyGradingOptions { KeepGradesDays = 1 }.Validate(), StringComparison.Ordinal);
        Assert.Null(new Grading.NightlyGradingOptions { KeepGradesDays = 2 }.Validate());
    }
}
