using StoreSales.Silo;

var app = await SiloApp.Build(args);
await app.RunAsync();
