/**
 * Entry point terraform runs as `terraform-provider-genesyscloud_v<version>` (through the wrapper
 * the mirror holds): the go-plugin handshake (hashicorp/go-plugin server.go), automatic mutual TLS
 * with terraform's client certificate, then tfplugin6 over gRPC on a unix socket.
 * Usage: plugin-main <org.json> <tls dir with cert.pem and key.pem> <provider schema JSON> <proto dir>
 */
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProviderService } from "./provider";
import { loadProviderSchemas } from "./schema";

const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const CORE_PROTOCOL_VERSION = 1;
const PLUGIN_PROTOCOL_VERSION = 6;

function fail(message: string): never {
  process.stderr.write(`terraform-provider-genesyscloud (twin stand-in): ${message}\n`);
  process.exit(1);
}

function loadServices(protoDirectory: string) {
  const options = { keepCase: true, longs: Number, enums: Number, defaults: false, oneofs: true };
  const definitions = protoLoader.loadSync(
    [join(protoDirectory, "tfplugin6.8.proto"), join(protoDirectory, "grpc_controller.proto")],
    options,
  );
  const loaded = grpc.loadPackageDefinition(definitions) as unknown as {
    tfplugin6: { Provider: grpc.ServiceClientConstructor };
    plugin: { GRPCController: grpc.ServiceClientConstructor };
  };
  return { provider: loaded.tfplugin6.Provider.service, controller: loaded.plugin.GRPCController.service };
}

function main(): void {
  const [orgFile, tlsDirectory, schemaFile, protoDirectory] = process.argv.slice(2);
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) fail("this is a Terraform plugin; terraform starts it, not a person");
  if (!orgFile || !tlsDirectory || !schemaFile || !protoDirectory)
    fail("usage: plugin-main <org.json> <tls dir> <schema.json> <proto dir>");
  const versions = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? "").split(",");
  if (!versions.includes(String(PLUGIN_PROTOCOL_VERSION)))
    fail(`terraform offers protocol versions ${versions.join(",")}; the stand-in speaks ${PLUGIN_PROTOCOL_VERSION}`);

  const services = loadServices(protoDirectory);
  const server = new grpc.Server();
  const socketDirectory = mkdtempSync(join(process.env.PLUGIN_UNIX_SOCKET_DIR ?? tmpdir(), "plugin"));
  const socket = join(socketDirectory, "provider.sock");
  const stop = () => {
    server.forceShutdown();
    rmSync(socketDirectory, { recursive: true, force: true });
    process.exit(0);
  };
  server.addService(services.provider, createProviderService({ schemas: loadProviderSchemas(schemaFile), orgFile }));
  server.addService(services.controller, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
      callback(null, {});
      setTimeout(stop, 10);
    },
  });

  const clientCertificate = process.env.PLUGIN_CLIENT_CERT;
  const useTls = clientCertificate !== undefined && clientCertificate !== "" && !process.env.TF_DISABLE_PLUGIN_TLS;
  const serverCertificate = readFileSync(join(tlsDirectory, "cert.pem"));
  const credentials = useTls
    ? grpc.ServerCredentials.createSsl(
        Buffer.from(clientCertificate),
        [{ cert_chain: serverCertificate, private_key: readFileSync(join(tlsDirectory, "key.pem")) }],
        true,
      )
    : grpc.ServerCredentials.createInsecure();

  server.bindAsync(`unix:${socket}`, credentials, (bindError) => {
    if (bindError) fail(`cannot listen on ${socket}: ${bindError.message}`);
    // The server certificate as base64 DER without padding (go-plugin reads it with RawStdEncoding).
    const certificate = useTls ? new X509Certificate(serverCertificate).raw.toString("base64").replace(/=+$/, "") : "";
    process.stdout.write(`${CORE_PROTOCOL_VERSION}|${PLUGIN_PROTOCOL_VERSION}|unix|${socket}|grpc|${certificate}\n`);
  });

  // go-plugin ignores SIGINT; terraform ends the plugin through Shutdown, or kills it. Never outlive terraform.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 1000).unref();
  process.on("SIGTERM", stop);
}

main();
