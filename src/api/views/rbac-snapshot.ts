import { buildRbacModel, canList, readManifestFiles, type HeldRule, type RbacModel } from '../../posture/index.js'

/** What an identity can do, or why that is unknown. */
export type CanDo = { loaded: false; message: string } | { loaded: true; snapshot: string; rules: HeldRule[] }

/**
 * The RBAC model of the configured cluster snapshot (`posture.snapshot`), read once on first use.
 * @example const rbac = new RbacSnapshot(config.posture.snapshot); await rbac.canDo('alice', [], 'prod')
 */
export class RbacSnapshot {
  private model: Promise<RbacModel> | undefined

  constructor(readonly path?: string) {}

  async canDo(user: string, groups: string[], namespace?: string): Promise<CanDo> {
    if (!this.path) return { loaded: false, message: 'no RBAC snapshot loaded (set posture.snapshot in the configuration to a manifests folder or cluster dump)' }
    this.model ??= readManifestFiles([this.path]).then((result) => buildRbacModel(result.objects))
    try {
      return { loaded: true, snapshot: this.path, rules: canList(await this.model, { user, groups }, namespace) }
    } catch (error) {
      this.model = undefined
      return { loaded: false, message: `RBAC snapshot ${this.path} could not be read: ${error instanceof Error ? error.message : String(error)}` }
    }
  }
}
