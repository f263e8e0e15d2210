/**
 * Renders a host from an actor it does not own: subscribes while the host is connected and the
 * actor is set, re-subscribes when the host is given another actor, and requests an update on
 * every snapshot. The owner (a SessionController) parks and restores the actor itself.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AnyActorRef, EventObject, Subscription } from 'xstate';

export class ActorController<TSnapshot> implements ReactiveController {
  private subscription: Subscription | undefined;
  private subscribed: AnyActorRef | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly actor: () => AnyActorRef | undefined,
  ) {
    host.addController(this);
  }

  get snapshot(): TSnapshot | undefined {
    return this.actor()?.getSnapshot() as TSnapshot | undefined;
  }

  send(event: EventObject): void {
    this.actor()?.send(event);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.subscribed = undefined;
  }

  private sync(): void {
    const actor = this.actor();
    if (actor === this.subscribed) return;
    this.subscription?.unsubscribe();
    this.subscribed = actor;
    this.subscription = actor?.subscribe(() => this.host.requestUpdate());
  }
}
