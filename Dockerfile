# Container image of clickwrap-relay.
#
#   docker build -t clickwrap-relay .
#
# Both base images are build arguments so that a mirror or a locally built pair can stand in for Docker Hub, e.g.
#   docker build --build-arg BUILD_IMAGE=local/jdk17 --build-arg RUNTIME_IMAGE=local/jre17 -t clickwrap-relay .
# (deploy/build-local-base-images.sh makes that pair). The Dockerfile needs no BuildKit feature, so the classic
# builder works too.

ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace

# The wrapper and the pom first: the dependency layer is then reused by every build that changes only sources.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline

COPY src src
RUN ./mvnw -B -DskipTests package \
	&& cp target/clickwrap-relay-*.jar app.jar \
	&& java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM ${RUNTIME_IMAGE}

LABEL org.opencontainers.image.title="clickwrap-relay" \
	org.opencontainers.image.description="Receives Ironclad Clickwrap webhooks and writes acceptances into Salesforce" \
	org.opencontainers.image.licenses="Apache-2.0"

# A numeric user that exists nowhere in /etc/passwd: Kubernetes can check runAsNonRoot against a number only.
# Group 0 owns the writable paths so that platforms that pick a random uid in group 0 (OpenShift) can write too.
ARG APP_UID=10001
WORKDIR /app
RUN mkdir -p /data && chown ${APP_UID}:0 /data && chmod 0770 /data

# Least often changing layer first: a new release usually ships only a new application layer.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

# The JVM sizes its heap from the container's memory limit and exits on OutOfMemoryError, so that the orchestrator
# restarts a healthy process rather than keeping a broken one.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
	SPRING_PROFILES_ACTIVE=container

USER ${APP_UID}:0
VOLUME /data

# 8080 serves the webhook endpoint; 8081 serves actuator (health, Prometheus) and should stay inside the cluster.
EXPOSE 8080 8081

# curl ships in the eclipse-temurin images (and in the local ones the script builds). The liveness group is used,
# not readiness: a database outage should not make Docker report a container that is still answering as unhealthy.
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s --retries=3 \
	CMD curl -fsS http://127.0.0.1:8081/actuator/health/liveness || exit 1

ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
