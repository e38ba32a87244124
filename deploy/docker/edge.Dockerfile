# The edge agent of a store PC: reads tills and scanners, keeps the outbox, uploads to the ingest API. Build from the
# repository root:
#   docker build -f deploy/docker/edge.Dockerfile -t storesales/edge .
# Unbuilt on the machine this was written on (no Docker engine, no base images reachable): see README.md.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
COPY edge/StoreSales.Edge/ edge/StoreSales.Edge/
RUN dotnet publish edge/StoreSales.Edge/StoreSales.Edge.csproj -c Release -o /app --nologo

# A worker, no web server: the plain runtime image.
FROM mcr.microsoft.com/dotnet/runtime:10.0 AS final
WORKDIR /app
COPY --from=build /app .
# The outbox is the agent's only state: a volume, never the container's layer (losing it loses unsent sales).
ENV Agent__OutboxPath=/var/lib/storesales-edge/outbox.db
RUN mkdir -p /var/lib/storesales-edge && chown "$APP_UID" /var/lib/storesales-edge
VOLUME /var/lib/storesales-edge
# Serial ports belong to group dialout (gid 20 on Debian): run the container with --group-add dialout (compose: group_add).
USER $APP_UID
# The agent serves no HTTP: its health is 'doctor' (configuration, each device, the server, the store key). The key check
# posts an empty batch the server refuses with a counted 400, hence the long interval.
HEALTHCHECK --interval=5m --timeout=30s --start-period=30s --retries=2 \
  CMD ["dotnet", "StoreSales.Edge.dll", "doctor"]
ENTRYPOINT ["dotnet", "StoreSales.Edge.dll"]
