{{/* The components: values key, Kubernetes name suffix, Maven module, HTTP port, provider-adapters roles. */}}
{{- define "siam-hub.components" -}}
adaptersEdge: {name: adapters-edge, module: provider-adapters, port: 8081, roles: edge}
normalizer: {name: normalizer, module: provider-adapters, port: 8081, roles: normalizer}
incidentBroker: {name: incident-broker, module: incident-broker, port: 8082, roles: ""}
changeCoordinator: {name: change-coordinator, module: change-coordinator, port: 8083, roles: ""}
slaMonitor: {name: sla-monitor, module: sla-monitor, port: 8084, roles: ""}
{{- end -}}

{{- define "siam-hub.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of every object; a component's objects add its selector labels (name, instance), the others "siam-hub.instance". */}}
{{- define "siam-hub.labels" -}}
app.kubernetes.io/part-of: siam-hub
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component; args: (dict "root" $ "name" "incident-broker") */}}
{{- define "siam-hub.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "siam-hub.image" -}}
{{- printf "%s%s:%s" .root.Values.image.registry .image (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{- define "siam-hub.seedsConfigMap" -}}
{{ include "siam-hub.fullname" . }}-seeds
{{- end -}}

{{- define "siam-hub.instance" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
