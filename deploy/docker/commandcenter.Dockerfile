# The command center: Blazor Server pages, the SignalR hub, read APIs; an Orleans client of the silos. Build from the
# repository root:
#   docker build -f deploy/docker/commandcenter.Dockerfile -t storesales/commandcenter .
# Unbuilt on the machine this was written on (no Docker engine, no base images reachable): see README.md.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
# Published, not built: Blazor's framework scripts are served from the publish output in Production.
RUN dotnet publish src/StoreSales.CommandCenter/StoreSales.CommandCenter.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
# curl for the health check; the Chinese font the report PDFs embed (Reports:Pdf:FontPath).
RUN apt-get update && apt-get install -y --no-install-recommends curl fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV Urls=http://+:8080
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "StoreSales.CommandCenter.dll"]
