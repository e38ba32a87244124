# The silo: Orleans (grains, ADO.NET clustering on PostgreSQL) and the ingest API. Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t storesales/silo .
# Unbuilt on the machine this was written on (no Docker engine, no base images reachable): see README.md.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN dotnet publish src/StoreSales.Silo/StoreSales.Silo.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
# curl for the health check only.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# Kestrel on every address of the container (appsettings.json says 127.0.0.1 for a developer machine).
ENV Urls=http://+:8080
# 8080 ingest API, health, metrics; 11111 silo-to-silo; 30000 gateway for the command centers.
EXPOSE 8080 11111 30000
# The image's own unprivileged user (uid 1654).
USER $APP_UID
# Ready means PostgreSQL answers (the silo's /health/ready); Orleans itself is live once this answers at all.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "StoreSales.Silo.dll"]
