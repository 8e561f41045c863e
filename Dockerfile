# syntax=docker/dockerfile:1
# Build: docker build --build-arg VERSION=1.0.0 --build-arg COMMIT=$(git rev-parse --short HEAD) -t declinekit .

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=unknown
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X github.com/declinekit/declinekit/internal/version.Version=${VERSION} -X github.com/declinekit/declinekit/internal/version.Commit=${COMMIT}" \
      -o /out/declinekit ./cmd/declinekit

# A static binary on distroless: no shell, no package manager, not root.
FROM gcr.io/distroless/static-debian12:nonroot AS runtime
COPY --from=build /out/declinekit /declinekit
USER nonroot:nonroot
ENV PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["/declinekit", "healthcheck"]
ENTRYPOINT ["/declinekit"]
