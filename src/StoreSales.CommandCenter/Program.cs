using StoreSales.CommandCenter;

var app = CommandCenterApp.Build(args);
await app.RunAsync();
