{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "clickwrap-relay.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's resources. */}}
{{- define "clickwrap-relay.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "clickwrap-relay.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "clickwrap-relay.labels" -}}
helm.sh/chart: {{ include "clickwrap-relay.chart" . }}
{{ include "clickwrap-relay.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "clickwrap-relay.selectorLabels" -}}
app.kubernetes.io/name: {{ include "clickwrap-relay.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "clickwrap-relay.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "clickwrap-relay.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret the pods read their secret settings from: the chart's own or an existing one. */}}
{{- define "clickwrap-relay.secretName" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecret }}
{{- else }}
{{- include "clickwrap-relay.fullname" . }}
{{- end }}
{{- end }}

{{/* The mapping ConfigMap exists only when targets are given; otherwise the relay's built-in mapping applies. */}}
{{- define "clickwrap-relay.hasMapping" -}}
{{- if .Values.mapping }}true{{ end }}
{{- end }}

{{/* Several pods cannot share the embedded database: refuse such a combination at render time. */}}
{{- define "clickwrap-relay.checkDatabase" -}}
{{- if and (not .Values.database.url) (or (gt (int .Values.replicaCount) 1) .Values.autoscaling.enabled) }}
{{- fail "More than one relay pod needs an external database: set database.url (the embedded H2 database lives in one pod's /data)" }}
{{- end }}
{{- end }}
